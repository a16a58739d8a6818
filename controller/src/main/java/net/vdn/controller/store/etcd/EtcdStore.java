package net.vdn.controller.store.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceStore;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.AuditScope;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.GrantScope;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.store.Admissions;
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.etcd.Etcd.Entry;

/**
 * Every store of the controller in etcd, shared by the controllers of a cluster. Keys, under the
 * cluster's prefix:
 *
 * <pre>
 * slices/NAME              a stored slice (JSON)          devices/NAME      a declared device
 * optical/devices/NAME     an optical device              optical/routes    the optical routes
 * held/SLICE               what a slice holds: rates, id, edge ports
 * rate/DEVICE/PORT         the rate held on a link direction, by slice
 * id/SLICEID               the slice that holds a slice id
 * edge/DEVICE/PORT         the edge claims made on a port, by slice
 * tokens/, grants/, audit/ API tokens, edge ports granted to tenants, the audit log ({@link
 *                          EtcdSecurity})
 * </pre>
 *
 * Reads come from the cache one watch keeps ({@link Etcd}); every write returns once etcd has it,
 * and is readable here at once. An admission is one transaction: it compares the mod revision of
 * every key the admission rule read (the slice's holding, each direction, the slice id, each edge
 * port and, for a tenant's change, the grants on each edge port) with what was read, and writes
 * them all, or — when another controller changed one of them meanwhile — is read and decided again.
 * A slice's record is written with the audit record of the change; its removal also releases what
 * it held; each is one transaction.
 */
public final class EtcdStore implements ControllerStore {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final int ATTEMPTS = 50;

  private final Etcd etcd;
  private final boolean owned;
  private final EtcdSecurity security;

  /** A store over a connection someone else owns (the cluster's). */
  public EtcdStore(Etcd etcd) {
    this(etcd, false);
  }

  private EtcdStore(Etcd etcd, boolean owned) {
    this.etcd = etcd;
    this.owned = owned;
    this.security = new EtcdSecurity(etcd);
  }

  /** Opens its own connection and reads the store (tests, tools). */
  public static EtcdStore open(List<String> endpoints, String prefix, Duration timeout) {
    Etcd etcd = new Etcd(endpoints, prefix, timeout);
    try {
      etcd.start();
    } catch (RuntimeException e) {
      etcd.close();
      throw e;
    }
    return new EtcdStore(etcd, true);
  }

  // ------------------------------------------------------------------ slices

  @Override
  public void put(StoredSlice slice) {
    etcd.put("slices/" + slice.name(), json(slice));
  }

  @Override
  public void remove(String name) {
    if (etcd.get("slices/" + name) != null) {
      etcd.delete("slices/" + name);
    }
  }

  /** Puts the slice and, in the same transaction, the audit record of the change (if any). */
  @Override
  public void put(StoredSlice slice, Map<String, Long> terms) {
    settle();
    Entry before = etcd.get("slices/" + slice.name());
    Optional<AuditScope> audit = AuditScope.take();
    List<Etcd.Write> writes = new ArrayList<>();
    writes.add(Etcd.Write.put("slices/" + slice.name(), json(slice)));
    audit.ifPresent(a -> writes.add(security.auditWrite(a.record())));
    try {
      if (!fenced(terms, List.of(), writes)) {
        throw new DeviceUnavailableException(
            "a device of the slice changed master while it was programmed; nothing changed");
      }
    } catch (StoreUnavailableException e) {
      unsure.add(new Unsure(slice.name(), json(slice), before == null ? null : before.text()));
      throw e;
    }
    audit.ifPresent(AuditScope::kept);
  }

  /**
   * Removes the slice, releases what it holds and writes the audit record of the change (if any),
   * all in one transaction.
   */
  @Override
  public void remove(String name, Map<String, Long> terms) {
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

  /**
   * A slice write or an admission refused with "unavailable" whose outcome is not known: etcd may
   * still apply it once it has a quorum again, although the caller was told nothing changed. Before
   * the next write the store reads what etcd holds and, if the write was applied, takes it back
   * (guarded: only if nothing changed it since).
   */
  private record Unsure(String slice, String slicePut, String sliceBefore) {}

  private record UnsureHolding(String slice, Holding before, Holding wanted) {}

  private final java.util.Queue<Unsure> unsure = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Queue<UnsureHolding> unsureHoldings =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Takes back what writes reported as failed did after all (see {@link Unsure}). */
  private void settle() {
    for (Unsure u; (u = unsure.peek()) != null; unsure.poll()) {
      Entry now = fresh("slices/" + u.slice());
      String there = now == null ? null : now.text();
      if (java.util.Objects.equals(there, u.slicePut())
          && !java.util.Objects.equals(there, u.sliceBefore())) {
        Etcd.Write back =
            u.sliceBefore() == null
                ? Etcd.Write.delete("slices/" + u.slice())
                : Etcd.Write.put("slices/" + u.slice(), u.sliceBefore());
        etcd.commit(List.of(new Etcd.Guard(now.key(), now.modRevision())), List.of(back));
        org.slf4j.LoggerFactory.getLogger(EtcdStore.class)
            .warn("slice {}: a write reported as failed was applied late; taken back", u.slice());
      }
    }
    for (UnsureHolding u; (u = unsureHoldings.peek()) != null; unsureHoldings.poll()) {
      Entry now = fresh("held/" + u.slice());
      if (AdmissionReading.holding(now).equals(u.wanted()) && !u.wanted().equals(u.before())) {
        admitOnce(u.slice(), u.wanted(), u.before(), p -> Long.MAX_VALUE);
        org.slf4j.LoggerFactory.getLogger(EtcdStore.class)
            .warn(
                "slice {}: an admission reported as failed was applied late; taken back",
                u.slice());
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

  @Override
  public Optional<StoredSlice> get(String name) {
    return Optional.ofNullable(etcd.get("slices/" + name)).map(e -> read(e, StoredSlice.class));
  }

  @Override
  public List<StoredSlice> all() {
    return etcd.range("slices/").stream().map(e -> read(e, StoredSlice.class)).toList();
  }

  @Override
  public void addListener(SliceStore.Listener listener) {
    etcd.addListener(
        "slices/",
        (key, before, after, rev) -> {
          if (after == null) {
            listener.removed(key.substring("slices/".length()));
          } else {
            listener.put(read(after, StoredSlice.class));
          }
        });
  }

  // ------------------------------------------------------------------ devices

  @Override
  public void putDevice(DeviceConfig device) {
    etcd.put("devices/" + device.name(), json(device));
  }

  @Override
  public void removeDevice(String name) {
    if (etcd.get("devices/" + name) != null) {
      etcd.delete("devices/" + name);
    }
  }

  @Override
  public List<DeviceConfig> devices() {
    return etcd.range("devices/").stream().map(e -> read(e, DeviceConfig.class)).toList();
  }

  @Override
  public void addListener(DeviceStore.Listener listener) {
    etcd.addListener(
        "devices/",
        (key, before, after, rev) -> {
          if (after == null) {
            listener.removed(key.substring("devices/".length()));
          } else {
            listener.put(read(after, DeviceConfig.class));
          }
        });
  }

  // ------------------------------------------------------------------ optical

  @Override
  public void putOpticalDevice(OpticalDeviceConfig device) {
    etcd.put("optical/devices/" + device.name(), json(device));
  }

  @Override
  public void removeOpticalDevice(String name) {
    if (etcd.get("optical/devices/" + name) != null) {
      etcd.delete("optical/devices/" + name);
    }
  }

  @Override
  public List<OpticalDeviceConfig> opticalDevices() {
    return etcd.range("optical/devices/").stream()
        .map(e -> read(e, OpticalDeviceConfig.class))
        .toList();
  }

  @Override
  public void putOpticalRoutes(List<OpticalRoute> routes) {
    etcd.put("optical/routes", json(List.copyOf(routes)));
  }

  @Override
  public List<OpticalRoute> opticalRoutes() {
    Entry e = etcd.get("optical/routes");
    if (e == null) {
      return List.of();
    }
    try {
      return JSON.readValue(e.value(), new TypeReference<List<OpticalRoute>>() {});
    } catch (java.io.IOException x) {
      throw new IllegalStateException("optical/routes in " + etcd.describe() + ": " + x, x);
    }
  }

  // ------------------------------------------------------------------ admission

  @Override
  public void admit(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
    settle();
    admitOnce(slice, expected, wanted, capacity);
  }

  private void admitOnce(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
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
      List<Etcd.Write> writes = r.replace(slice, now, wanted);
      try {
        if (etcd.commit(r.guards(), writes)) {
          return;
        }
      } catch (StoreUnavailableException e) {
        unsureHoldings.add(new UnsureHolding(slice, now, wanted));
        throw e;
      }
      etcd.awaitChange(seen, Duration.ofMillis(5 + attempt));
    }
    throw new StoreUnavailableException(
        "slice " + slice + ": " + ATTEMPTS + " admissions lost to others' changes; try again");
  }

  @Override
  public void release(String slice) {
    admit(slice, null, Holding.NONE, p -> 0);
  }

  @Override
  public long reserved(ConnectPoint source) {
    return AdmissionReading.rates(etcd.get(AdmissionReading.rateKey(source))).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  @Override
  public Holding held(String slice) {
    return AdmissionReading.holding(etcd.get("held/" + slice));
  }

  @Override
  public Set<String> holders() {
    Set<String> out = new TreeSet<>();
    etcd.range("held/").forEach(e -> out.add(e.key().substring("held/".length())));
    return out;
  }

  // ------------------------------------------------------------------ tokens, grants, audit

  @Override
  public void putToken(ApiToken token) {
    security.putToken(token);
  }

  @Override
  public boolean putFirstOperatorToken(ApiToken token) {
    return security.putFirstOperatorToken(token);
  }

  @Override
  public void removeToken(String id) {
    security.removeToken(id);
  }

  @Override
  public Optional<ApiToken> token(String id) {
    return security.token(id);
  }

  @Override
  public List<ApiToken> tokens() {
    return security.tokens();
  }

  @Override
  public void putGrant(Grant grant) {
    security.putGrant(grant);
  }

  @Override
  public void removeGrant(Grant grant) {
    security.removeGrant(grant);
  }

  @Override
  public List<Grant> grants() {
    return security.grants();
  }

  @Override
  public void append(AuditRecord record) {
    security.append(record);
  }

  @Override
  public List<AuditRecord> auditTail(int limit) {
    return security.auditTail(limit);
  }

  // ------------------------------------------------------------------ JSON

  public static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  <T> T read(Entry e, Class<T> type) {
    return parse(e, type);
  }

  public static <T> T parse(Entry e, Class<T> type) {
    try {
      return JSON.readValue(e.value(), type);
    } catch (java.io.IOException x) {
      throw new IllegalStateException("etcd key " + e.key() + ": " + x, x);
    }
  }

  /** The connection, for the cluster's own keys. */
  public Etcd etcd() {
    return etcd;
  }

  @Override
  public void close() {
    if (owned) {
      etcd.close();
    }
  }
}
