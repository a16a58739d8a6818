package net.vdn.controller.optical.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceKind;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceState;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalStore;
import net.vdn.optical.OpticalDevice;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optical devices in the device inventory, as their own kind: declared with their driver (NETCONF
 * or TL1), stored durably, connected when first used. They carry wavelengths, not packets or slice
 * rules.
 */
public final class OpticalProvider implements DeviceProvider {
  private static final Logger log = LoggerFactory.getLogger(OpticalProvider.class);

  /** An optical device the controller manages. */
  record Managed(OpticalDeviceConfig config, OpticalDevice driver, Instant since) {}

  private final OpticalStore store;
  private final DeviceListener events;
  private final Map<String, Managed> devices = new TreeMap<>();

  public OpticalProvider(OpticalStore store, DeviceListener events) {
    this.store = store;
    this.events = events;
    for (OpticalDeviceConfig c : store.opticalDevices()) {
      devices.put(c.name(), new Managed(c, OpticalDrivers.create(c), Instant.now()));
    }
  }

  /** Declares a device (stored first). */
  synchronized Managed add(OpticalDeviceConfig config) {
    if (devices.containsKey(config.name())) {
      throw new DuplicateException("optical device '" + config.name() + "' exists");
    }
    OpticalDevice driver = OpticalDrivers.create(config);
    store.putOpticalDevice(config);
    Managed m = new Managed(config, driver, Instant.now());
    devices.put(config.name(), m);
    log.info(
        "optical device {} ({} at {}:{}) added",
        config.name(),
        config.driver(),
        config.host(),
        config.port());
    events.deviceChanged(null, snapshot(m));
    return m;
  }

  synchronized Managed managed(String name) {
    Managed m = devices.get(name);
    if (m == null) {
      throw new NotFoundException("no optical device '" + name + "'");
    }
    return m;
  }

  synchronized List<Managed> all() {
    return List.copyOf(devices.values());
  }

  @Override
  public synchronized boolean owns(String device) {
    return devices.containsKey(device);
  }

  @Override
  public boolean accepts(DeviceConfig config) {
    return false;
  }

  @Override
  public Device open(DeviceConfig config) {
    throw new ConfigException("driver", "optical devices are declared under /optical/devices");
  }

  @Override
  public synchronized void remove(String name) {
    Managed m = managed(name);
    store.removeOpticalDevice(name);
    devices.remove(name);
    m.driver().close();
    events.deviceChanged(snapshot(m), null);
  }

  @Override
  public synchronized List<Device> devices() {
    return devices.values().stream().map(OpticalProvider::snapshot).toList();
  }

  @Override
  public synchronized Optional<Device> device(String name) {
    return Optional.ofNullable(devices.get(name)).map(OpticalProvider::snapshot);
  }

  private static Device snapshot(Managed m) {
    boolean connected = m.driver().isConnected();
    return new Device(
        m.config().name(),
        DeviceKind.OPTICAL,
        m.config().host() + ":" + m.config().port(),
        connected ? DeviceState.AVAILABLE : DeviceState.CONNECTING,
        m.since(),
        connected ? null : "connected when first used",
        0,
        null,
        0,
        null);
  }

  @Override
  public Map<Integer, Port> ports(String device) {
    managed(device);
    return Map.of();
  }

  @Override
  public Port setPortEnabled(String device, int port, boolean enabled) {
    throw new NotFoundException("optical device '" + device + "' has no packet ports");
  }

  @Override
  public boolean packetOut(ConnectPoint port, byte[] frame) {
    return false;
  }

  @Override
  public ReconcileReport reconcile(String device) {
    managed(device);
    return new ReconcileReport(0, 0, 0);
  }

  @Override
  public SliceDevice programmable(String device) {
    throw new DeviceUnavailableException(
        "optical device " + device + " carries wavelengths, not slice rules");
  }

  @Override
  public void expect(String device, List<SliceRule> rules) {
    throw new IllegalStateException("optical device " + device + " holds no slice rules");
  }

  @Override
  public Map<String, ReconcileReport> reconcileAll() {
    return Map.of();
  }

  @Override
  public synchronized void close() {
    devices.values().forEach(m -> m.driver().close());
  }
}
