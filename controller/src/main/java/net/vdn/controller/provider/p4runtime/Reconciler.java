package net.vdn.controller.provider.p4runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.WriteException;
import net.vdn.p4runtime.WriteResult;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.TableEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a device to exactly its mirror: reads its table entries, multicast groups, clone sessions
 * and meter cells, deletes strays, inserts what is missing and fixes what differs — and writes
 * nothing when the device already holds the mirror.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  public ReconcileReport reconcile(String device, P4RuntimeClient client, DeviceMirror mirror) {
    Map<Object, Entity> actual = new HashMap<>();
    List<ReadQuery> queries =
        new ArrayList<>(
            List.of(
                ReadQuery.allTables(),
                new ReadQuery.MulticastGroups(),
                new ReadQuery.CloneSessions()));
    for (var m : client.p4info().p4info().getMetersList()) {
      queries.add(ReadQuery.meter(m.getPreamble().getName()));
    }
    for (Entity e : client.read(queries.toArray(ReadQuery[]::new))) {
      if (e instanceof TableEntry t && t.isDefault()) {
        continue;
      }
      if (e instanceof MeterEntry m && m.config() == null) {
        continue;
      }
      actual.put(DeviceMirror.identity(e), e);
    }
    Map<Object, Entity> wanted = new HashMap<>();
    mirror.entities().forEach(e -> wanted.put(DeviceMirror.identity(e), e));

    List<Update> deletes = new ArrayList<>();
    List<Update> inserts = new ArrayList<>();
    List<Update> modifies = new ArrayList<>();
    for (var e : actual.entrySet()) {
      Entity want = wanted.get(e.getKey());
      if (want == null) {
        deletes.add(
            e.getValue() instanceof MeterEntry m
                ? Update.modify(new MeterEntry(m.meter(), m.index(), null))
                : Update.delete(e.getValue()));
      } else if (!want.equals(e.getValue())) {
        modifies.add(Update.modify(want));
      }
    }
    for (var e : wanted.entrySet()) {
      if (!actual.containsKey(e.getKey())) {
        inserts.add(
            e.getValue() instanceof MeterEntry
                ? Update.modify(e.getValue())
                : Update.insert(e.getValue()));
      }
    }
    // Tables go before the groups they may use when deleting, after them when inserting.
    deletes.sort((a, b) -> Integer.compare(order(b.entity()), order(a.entity())));
    inserts.sort((a, b) -> Integer.compare(order(a.entity()), order(b.entity())));
    for (List<Update> batch : List.of(deletes, modifies, inserts)) {
      if (!batch.isEmpty()) {
        WriteResult r = client.write(batch, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR);
        if (!r.allOk()) {
          throw new WriteException(r);
        }
      }
    }
    if (log.isDebugEnabled()) {
      deletes.forEach(u -> log.debug("device {}: stray {}", device, u.entity()));
      inserts.forEach(u -> log.debug("device {}: missing {}", device, u.entity()));
      modifies.forEach(u -> log.debug("device {}: differs, now {}", device, u.entity()));
    }
    ReconcileReport report = new ReconcileReport(deletes.size(), inserts.size(), modifies.size());
    log.info(
        "device {}: reconciled ({} deleted, {} inserted, {} modified)",
        device,
        report.deleted(),
        report.inserted(),
        report.modified());
    return report;
  }

  private static int order(Entity e) {
    return switch (e) {
      case MulticastGroup g -> 0;
      case CloneSession s -> 0;
      case MeterEntry m -> 1;
      default -> 2;
    };
  }
}
