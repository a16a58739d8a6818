package net.vdn.controller.store.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceStore;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.Grant;
import net.vdn.controller.slice.SliceStore;
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
 * rate/DEVICE/PORT         the rate held on a link direction by all slices (a number)
 * id/SLICEID               the slice that holds a slice id
 * edge/DEVICE/PORT         how many slices claim traffic on an edge port
 * claims/DEVICE/PORT/SLICE a slice's claims on an edge port
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

  private final Etcd etcd;
  private final boolean owned;
  private final EtcdSecurity security;
  private final GuardedWrites writes;

  /** A store over a connection someone else owns (the cluster's). */
  public EtcdStore(Etcd etcd) {
    this(etcd, false);
  }

  private EtcdStore(Etcd etcd, boolean owned) {
    this.etcd = etcd;
    this.owned = owned;
    this.security = new EtcdSecurity(etcd);
    this.writes = new GuardedWrites(etcd, security);
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
    writes.put(slice, terms);
  }

  /**
   * Removes the slice, releases what it holds and writes the audit record of the change (if any),
   * all in one transaction.
   */
  @Override
  public void remove(String name, Map<String, Long> terms) {
    writes.remove(name, terms);
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
    writes.admit(slice, expected, wanted, capacity);
  }

  @Override
  public void release(String slice) {
    admit(slice, null, Holding.NONE, p -> 0);
  }

  @Override
  public long reserved(ConnectPoint source) {
    return AdmissionReading.total(etcd.get(AdmissionReading.rateKey(source)));
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
