package net.vdn.controller.store.etcd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.AuditScope;
import net.vdn.controller.security.GrantScope;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.store.Admissions;
import net.vdn.controller.store.etcd.Etcd.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd store's guarded writes of slices and what they hold. An admission compares every key the
 * admission rule read (and, for a tenant's change, the grants it needs) and is read and decided
 * again when another controller changed one meanwhile. A slice's record is fenced by its devices'
 * mastership terms and carries the change's audit record; its removal also releases what it held. A
 * write refused as unavailable may still be applied by etcd later: it is remembered and, before the
 * next write, taken back if it was.
 */
final class GuardedWrites {
  private static final Logger log = LoggerFactory.getLogger(GuardedWrites.class);
  private static final int ATTEMPTS = 50;

  private final Etcd etcd;
  private final EtcdSecurity security;

  /**
   * A slice write or an admission refused with "unavailable" whose outcome is not known: etcd may
   * still apply it once it has a quorum again, although the caller was told nothing changed. Before
   * the next write the store reads what etcd holds and, if the write was applied, takes it back
   * (guarded: only if nothing changed it since).
   */
  private record Unsure(String slice, String slicePut, String sliceBefore) {}

  private record UnsureHolding(String slice, Holding before, Holding wanted) {}

  private final Queue<Unsure> unsure = new ConcurrentLinkedQueue<>();
  private final Queue<UnsureHolding> unsureHoldings = new ConcurrentLinkedQueue<>();

  GuardedWrites(Etcd etcd, EtcdSecurity security) {
    this.etcd = etcd;
    this.security = security;
  }

  /** Puts the slice and, in the same transaction, the audit record of the change (if any). */
  void put(StoredSlice slice, Map<String, Long> terms) {
    settle();
    Entry before = etcd.get("slices/" + slice.name());
    Optional<AuditScope> audit = AuditScope.take();
    List<Etcd.Write> writes = new ArrayList<>();
    writes.add(Etcd.Write.put("slices/" + slice.name(), EtcdStore.json(slice)));
    audit.ifPresent(a -> writes.add(security.auditWrite(a.record())));
    try {
      if (!fenced(terms, List.of(), writes)) {
        throw new DeviceUnavailableException(
            "a device of the slice changed master while it was programmed; nothing changed");
      }
    } catch (StoreUnavailableException e) {
      unsure.add(
          new Unsure(slice.name(), EtcdStore.json(slice), before == null ? null : before.text()));
      throw e;
    }
    audit.ifPresent(AuditScope::kept);
  }

  /**
   * Removes the slice, releases what it holds and writes the audit record of the change (if any),
   * all in one transaction.
   */
  void remove(String name, Map<String, Long> terms) {
    settle();
    Entry before = etcd.get("slices/" + name);
    Optional<AuditScope> audit = AuditScope.take();
    Etcd.Write record = audit.map(a -> security.auditWrite(a.record())).orElse(null);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long seen = etcd.revision();
      AdmissionReading r = new AdmissionReading(etcd);
      Holding held = r.held(name);
      List<Etcd.Write> writes = new ArrayList<>(r.replace(name, held, Holding.NONE));
      writes.add(Etcd.Write.delete("slices/" + name));
      if (record != null) {
        writes.add(record);
      }
      try {
        if (fenced(terms, r.guards(), writes)) {
          audit.ifPresent(AuditScope::kept);
          return;
        }
      } catch (StoreUnavailableException e) {
        if (before != null) {
          unsure.add(new Unsure(name, null, before.text()));
        }
        if (!held.isEmpty()) {
          unsureHoldings.add(new UnsureHolding(name, held, Holding.NONE));
        }
        throw e;
      }
      // Another slice's reservation on a shared link changed meanwhile: read again.
      etcd.awaitChange(seen, Duration.ofMillis(5 + attempt));
    }
    throw new StoreUnavailableException(
        "slice " + name + ": " + ATTEMPTS + " removals lost to others' changes; try again");
  }

  /** Takes back what writes reported as failed did after all (see {@link Unsure}). */
  private void settle() {
    for (Unsure u; (u = unsure.peek()) != null; unsure.poll()) {
      Entry now = fresh("slices/" + u.slice());
      String there = now == null ? null : now.text();
      if (Objects.equals(there, u.slicePut()) && !Objects.equals(there, u.sliceBefore())) {
        Etcd.Write back =
            u.sliceBefore() == null
                ? Etcd.Write.delete("slices/" + u.slice())
                : Etcd.Write.put("slices/" + u.slice(), u.sliceBefore());
        etcd.commit(List.of(new Etcd.Guard(now.key(), now.modRevision())), List.of(back));
        log.warn("slice {}: a write reported as failed was applied late; taken back", u.slice());
      }
    }
    for (UnsureHolding u; (u = unsureHoldings.peek()) != null; unsureHoldings.poll()) {
      Entry now = fresh("held/" + u.slice());
      if (AdmissionReading.holding(now).equals(u.wanted()) && !u.wanted().equals(u.before())) {
        admitOnce(u.slice(), u.wanted(), u.before(), p -> Long.MAX_VALUE, null);
        log.warn(
            "slice {}: an admission reported as failed was applied late; taken back", u.slice());
      }
    }
  }

  /** A key as etcd holds it now (a linearizable read), once the cache has caught up with it. */
  private Entry fresh(String key) {
    var r =
        etcd.call(etcd.client().getKVClient().get(Etcd.bytes(etcd.prefix() + key)), "read " + key);
    etcd.awaitRevision(r.getHeader().getRevision());
    return etcd.get(key);
  }

  /**
   * Commits {@code writes} only while every device is mastered at the term its slice rules were
   * written at (else throws, naming the device) and every other guard holds (else returns false).
   */
  private boolean fenced(
      Map<String, Long> terms, List<Etcd.Guard> others, List<Etcd.Write> writes) {
    List<Etcd.Guard> guards = new ArrayList<>(others);
    for (var t : terms.entrySet()) {
      if (t.getValue() <= 0) {
        continue;
      }
      Entry e = etcd.get(MasterRecord.key(t.getKey()));
      MasterRecord m = MasterRecord.read(e);
      if (m == null || m.term() != t.getValue()) {
        throw moved(t.getKey(), t.getValue(), m);
      }
      guards.add(new Etcd.Guard(e.key(), e.modRevision()));
    }
    if (etcd.commit(guards, writes)) {
      return true;
    }
    for (var t : terms.entrySet()) {
      MasterRecord m = MasterRecord.read(etcd.get(MasterRecord.key(t.getKey())));
      if (t.getValue() > 0 && (m == null || m.term() != t.getValue())) {
        throw moved(t.getKey(), t.getValue(), m);
      }
    }
    return false;
  }

  private static DeviceUnavailableException moved(String device, long term, MasterRecord now) {
    return new DeviceUnavailableException(
        "device "
            + device
            + " changed master while the slice was programmed (term "
            + term
            + (now == null ? "" : ", now " + now.term() + " at " + now.member())
            + "); nothing changed, try again");
  }

  void admit(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
    settle();
    admitOnce(slice, expected, wanted, capacity, AdmissionRider.take(slice));
  }

  private void admitOnce(
      String slice,
      Holding expected,
      Holding wanted,
      ToLongFunction<ConnectPoint> capacity,
      AdmissionRider rider) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long seen = etcd.revision();
      AdmissionReading r = new AdmissionReading(etcd);
      // Compared in the transaction like every other key read: a grant taken back meanwhile fails
      // it.
      GrantScope.required().ifPresent(t -> GrantScope.check(t, r.edgePorts(wanted), r::grantsOn));
      Admissions.check(slice, expected, wanted, capacity, r);
      Holding now = r.held(slice);
      if (now.equals(wanted)) {
        return;
      }
      List<Etcd.Write> writes = new ArrayList<>(r.replace(slice, now, wanted));
      if (rider != null) {
        writes.addAll(rider.writes());
      }
      try {
        if (etcd.commit(r.guards(), writes)) {
          if (rider != null) {
            rider.committed();
          }
          return;
        }
      } catch (StoreUnavailableException e) {
        unsureHoldings.add(new UnsureHolding(slice, now, wanted));
        if (rider != null) {
          rider.outcomeUnknown();
        }
        throw e;
      }
      etcd.awaitChange(seen, Duration.ofMillis(5 + attempt));
    }
    throw new StoreUnavailableException(
        "slice " + slice + ": " + ATTEMPTS + " admissions lost to others' changes; try again");
  }
}
