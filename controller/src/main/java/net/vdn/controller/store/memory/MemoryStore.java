package net.vdn.controller.store.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.Grant;
import net.vdn.controller.store.ControllerStore;

/** Every store in memory: nothing survives the process. For tests and throw-away controllers. */
public final class MemoryStore implements ControllerStore {
  private final Map<String, StoredSlice> slices = new LinkedHashMap<>();
  private final Map<String, DeviceConfig> devices = new LinkedHashMap<>();
  private final Map<String, OpticalDeviceConfig> optical = new LinkedHashMap<>();
  private List<OpticalRoute> routes = List.of();
  private final MemoryReservations reservations = new MemoryReservations();
  private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
  private final Set<Grant> grants = new LinkedHashSet<>();
  private final List<AuditRecord> audit = new ArrayList<>();

  @Override
  public synchronized void put(StoredSlice slice) {
    slices.put(slice.name(), slice);
  }

  @Override
  public synchronized void remove(String name) {
    slices.remove(name);
  }

  @Override
  public synchronized Optional<StoredSlice> get(String name) {
    return Optional.ofNullable(slices.get(name));
  }

  @Override
  public synchronized List<StoredSlice> all() {
    return new ArrayList<>(slices.values());
  }

  @Override
  public synchronized void putDevice(DeviceConfig device) {
    devices.put(device.name(), device);
  }

  @Override
  public synchronized void removeDevice(String name) {
    devices.remove(name);
  }

  @Override
  public synchronized List<DeviceConfig> devices() {
    return new ArrayList<>(devices.values());
  }

  @Override
  public synchronized void putOpticalDevice(OpticalDeviceConfig device) {
    optical.put(device.name(), device);
  }

  @Override
  public synchronized void removeOpticalDevice(String name) {
    optical.remove(name);
  }

  @Override
  public synchronized List<OpticalDeviceConfig> opticalDevices() {
    return new ArrayList<>(optical.values());
  }

  @Override
  public synchronized void putOpticalRoutes(List<OpticalRoute> next) {
    routes = List.copyOf(next);
  }

  @Override
  public synchronized List<OpticalRoute> opticalRoutes() {
    return routes;
  }

  @Override
  public void admit(
      String slice, Holding expected, Holding wanted, ToLongFunction<ConnectPoint> capacity) {
    reservations.admit(slice, expected, wanted, capacity);
  }

  @Override
  public void release(String slice) {
    reservations.release(slice);
  }

  @Override
  public long reserved(ConnectPoint source) {
    return reservations.reserved(source);
  }

  @Override
  public Holding held(String slice) {
    return reservations.held(slice);
  }

  @Override
  public Set<String> holders() {
    return reservations.holders();
  }

  @Override
  public synchronized void putToken(ApiToken token) {
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized void removeToken(String id) {
    tokens.remove(id);
  }

  @Override
  public synchronized Optional<ApiToken> token(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public synchronized List<ApiToken> tokens() {
    return new ArrayList<>(tokens.values());
  }

  @Override
  public synchronized void putGrant(Grant grant) {
    grants.add(grant);
  }

  @Override
  public synchronized void removeGrant(Grant grant) {
    grants.remove(grant);
  }

  @Override
  public synchronized List<Grant> grants() {
    return new ArrayList<>(grants);
  }

  @Override
  public synchronized void append(AuditRecord record) {
    audit.add(record);
  }

  @Override
  public synchronized List<AuditRecord> auditTail(int limit) {
    return new ArrayList<>(audit.subList(Math.max(0, audit.size() - limit), audit.size()));
  }

  @Override
  public void close() {}
}
