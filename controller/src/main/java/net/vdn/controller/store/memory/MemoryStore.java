package net.vdn.controller.store.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import net.vdn.controller.store.ControllerStore;

/** Every store in memory: nothing survives the process. For tests and throw-away controllers. */
public final class MemoryStore implements ControllerStore {
  private final Map<String, StoredSlice> slices = new LinkedHashMap<>();
  private final Map<String, DeviceConfig> devices = new LinkedHashMap<>();
  private final Map<String, OpticalDeviceConfig> optical = new LinkedHashMap<>();
  private List<OpticalRoute> routes = List.of();
  private final MemoryReservations reservations = new MemoryReservations();

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
  public void close() {}
}
