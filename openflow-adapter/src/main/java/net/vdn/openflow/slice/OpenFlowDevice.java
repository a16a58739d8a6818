package net.vdn.openflow.slice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.vdn.openflow.OpenFlowErrorException;
import net.vdn.openflow.OpenFlowException;
import net.vdn.openflow.OpenFlowSwitch;
import net.vdn.openflow.WriteResult;
import net.vdn.openflow.slice.internal.Change;
import net.vdn.openflow.slice.internal.FlowEntry;
import net.vdn.openflow.slice.internal.FlowTranslator;
import net.vdn.openflow.slice.internal.GroupEntry;
import net.vdn.openflow.slice.internal.MeterEntry;
import net.vdn.openflow.slice.internal.OfEntry;
import net.vdn.pipeconf.rule.SliceRule;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterBandStats;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenFlow switch the slice service programs: the slice rules it should hold, the flows, groups
 * and meters they translate to (its mirror), and its current connection. The mirror outlives
 * connections: after the switch or the controller reconnects, {@link #attach} the new connection
 * and {@link #reconcile}.
 *
 * <p>Every write is confirmed by a barrier. {@link #install} and {@link #remove} are all or
 * nothing: a rule OpenFlow cannot express is refused before anything is sent, and when the switch
 * refuses an entry, what the call had written is taken back and {@link OpenFlowErrorException}
 * names the entry, the rule and the OpenFlow error. Calls block; do not make them on a thread that
 * delivers switch events other than the server's listener thread.
 */
public final class OpenFlowDevice {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowDevice.class);
  private static final FlowTranslator TRANSLATOR = new FlowTranslator();

  private final String name;
  private final Duration timeout;
  private volatile OpenFlowSwitch sw;
  private Set<SliceRule> rules = new LinkedHashSet<>();
  private Map<String, OfEntry> mirror = new LinkedHashMap<>();
  private Map<String, SliceRule> origins = Map.of();

  public OpenFlowDevice(String name, OpenFlowSwitch sw) {
    this(name, sw, Duration.ofSeconds(15));
  }

  public OpenFlowDevice(String name, OpenFlowSwitch sw, Duration timeout) {
    this.name = name;
    this.sw = sw;
    this.timeout = timeout;
  }

  public String name() {
    return name;
  }

  /** Uses a new connection of the same switch from now on. */
  public void attach(OpenFlowSwitch connection) {
    this.sw = connection;
  }

  public OpenFlowSwitch connection() {
    return sw;
  }

  /** The slice rules the switch should hold. */
  public synchronized Set<SliceRule> rules() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(rules));
  }

  /** How many flows, groups and meters the switch should hold. */
  public synchronized int entryCount() {
    return mirror.size();
  }

  /** Adds rules (those already held are kept as they are); all or nothing. */
  public synchronized void install(List<SliceRule> add) {
    Set<SliceRule> next = new LinkedHashSet<>(rules);
    next.addAll(add);
    change(next, "install " + add.size() + " rules");
  }

  /** Removes rules (those not held are ignored); all or nothing. */
  public synchronized void remove(List<SliceRule> gone) {
    Set<SliceRule> next = new LinkedHashSet<>(rules);
    next.removeAll(gone);
    change(next, "remove " + gone.size() + " rules");
  }

  /** Records rules as already on the switch, writing nothing (after a controller restart). */
  public synchronized void expect(List<SliceRule> held) {
    Set<SliceRule> next = new LinkedHashSet<>(rules);
    next.addAll(held);
    FlowTranslator.Translation t = TRANSLATOR.translate(next);
    rules = next;
    mirror = new LinkedHashMap<>(t.entries());
    origins = t.origins();
  }

  private void change(Set<SliceRule> next, String what) {
    FlowTranslator.Translation t = TRANSLATOR.translate(next);
    List<List<Change>> phases = Change.between(mirror, t.entries());
    long start = System.nanoTime();
    int n = write(phases, t.origins(), true);
    rules = next;
    mirror = new LinkedHashMap<>(t.entries());
    origins = t.origins();
    log.info(
        "{}: {}: {} entries written in {} ms",
        name,
        what,
        n,
        String.format("%.1f", (System.nanoTime() - start) / 1e6));
  }

  /**
   * Makes the switch hold exactly the mirror: reads its flows, groups and meters, deletes what the
   * mirror does not have (whoever wrote it), adds what is missing and fixes what differs. Writes
   * nothing when the switch already holds the mirror.
   */
  public synchronized ReconcileReport reconcile() {
    OpenFlowSwitch s = sw;
    Map<String, OfEntry> actual = new LinkedHashMap<>();
    for (OFFlowStatsEntry f : await(s.flowStats(0, 0))) {
      FlowEntry e = FlowEntry.of(f);
      actual.put(e.key(), e);
    }
    for (OFGroupDescStatsEntry g : await(s.groupDescriptions())) {
      GroupEntry e = GroupEntry.of(g);
      actual.put(e.key(), e);
    }
    for (OFMeterConfig m : await(s.meterConfigs())) {
      MeterEntry e = MeterEntry.of(m);
      actual.put(e.key(), e);
    }
    List<List<Change>> phases = Change.between(actual, mirror);
    int deleted = 0;
    int inserted = 0;
    int modified = 0;
    for (List<Change> phase : phases) {
      for (Change c : phase) {
        log.debug("{}: reconcile: {}", name, c);
        switch (c.kind()) {
          case ADD -> inserted++;
          case MODIFY -> modified++;
          case DELETE -> deleted++;
        }
      }
    }
    write(phases, origins, false);
    ReconcileReport report = new ReconcileReport(deleted, inserted, modified);
    log.info(
        "{}: reconciled ({} deleted, {} inserted, {} modified)", name, deleted, inserted, modified);
    return report;
  }

  /** The slice's packets and bytes classified on this switch, and its meter's drops. */
  public SliceCounters counters(int sliceId) {
    SliceRule.checkSliceId(sliceId);
    OpenFlowSwitch s = sw;
    CompletableFuture<List<OFFlowStatsEntry>> flows =
        s.flowStats(FlowTranslator.cookie(sliceId), -1L);
    CompletableFuture<List<OFMeterStats>> meters = s.meterStats();
    long packets = 0;
    long bytes = 0;
    for (OFFlowStatsEntry f : await(flows)) {
      if (f.getTableId().getValue() == FlowTranslator.TABLE_CLASSIFY) {
        packets += f.getPacketCount().getValue();
        bytes += f.getByteCount().getValue();
      }
    }
    long droppedPackets = 0;
    long droppedBytes = 0;
    for (OFMeterStats m : await(meters)) {
      if (m.getMeterId() == sliceId) {
        for (OFMeterBandStats b : m.getBandStats()) {
          droppedPackets += b.getPacketBandCount().getValue();
          droppedBytes += b.getByteBandCount().getValue();
        }
      }
    }
    return new SliceCounters(sliceId, packets, bytes, droppedPackets, droppedBytes);
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes the phases in order, each confirmed by a barrier. When the switch refuses a change and
   * {@code undoOnError} holds, the changes it had accepted are taken back; then it throws.
   */
  private int write(List<List<Change>> phases, Map<String, SliceRule> why, boolean undoOnError) {
    OpenFlowSwitch s = sw;
    List<List<Change>> done = new ArrayList<>();
    int written = 0;
    for (List<Change> phase : phases) {
      if (phase.isEmpty()) {
        continue;
      }
      WriteResult r = await(s.write(messages(s, phase)));
      List<Change> accepted = new ArrayList<>();
      for (int i = 0; i < phase.size(); i++) {
        if (r.ok(i)) {
          accepted.add(phase.get(i));
        }
      }
      done.add(accepted);
      written += accepted.size();
      if (!r.allOk()) {
        int failed = r.errors().indexOf(r.firstError());
        Change c = phase.get(failed);
        SliceRule rule = why.get(c.entry().key());
        if (undoOnError) {
          undo(s, done);
        }
        throw new OpenFlowErrorException(
            name
                + ": "
                + c
                + (rule == null ? "" : " (for " + rule + ")")
                + " refused"
                + (undoOnError ? ", the rest of the call taken back" : ""),
            r.firstError());
      }
    }
    return written;
  }

  private void undo(OpenFlowSwitch s, List<List<Change>> done) {
    for (int p = done.size() - 1; p >= 0; p--) {
      List<Change> back = new ArrayList<>();
      for (int i = done.get(p).size() - 1; i >= 0; i--) {
        back.add(done.get(p).get(i).inverse());
      }
      if (back.isEmpty()) {
        continue;
      }
      try {
        WriteResult r = await(s.write(messages(s, back)));
        if (!r.allOk()) {
          log.error(
              "{}: could not take back every change ({}); reconcile to repair",
              name,
              r.firstError());
        }
      } catch (OpenFlowException e) {
        log.error("{}: could not take back changes: {}; reconcile to repair", name, e.getMessage());
        return;
      }
    }
  }

  private static List<OFMessage> messages(OpenFlowSwitch s, List<Change> changes) {
    return changes.stream().map(c -> c.message(s.factory())).toList();
  }

  private <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OpenFlowException o) {
        throw o;
      }
      throw new OpenFlowException(name + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new OpenFlowException(name + ": no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenFlowException(name + ": interrupted", e);
    }
  }
}
