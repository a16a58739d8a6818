package net.vdn.controller.device.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.DeviceService;
import net.vdn.controller.device.DeviceStore;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device inventory over its providers: each call about a device goes to the provider that owns
 * it; declared devices are kept in the device store before they are connected.
 */
public final class DeviceManager implements DeviceService {
  private static final Logger log = LoggerFactory.getLogger(DeviceManager.class);
  private final List<DeviceProvider> providers;
  private final DeviceStore store;
  private final DeviceEvents events;

  /** Where devices declared and removed by other controllers of a cluster are taken in. */
  private final java.util.concurrent.ExecutorService follower =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("vdn-device-follow").factory());

  public DeviceManager(List<DeviceProvider> providers, DeviceStore store, DeviceEvents events) {
    this.providers = List.copyOf(providers);
    this.store = store;
    this.events = events;
  }

  /**
   * Opens the stored devices and those of the config file. The config file is the operator's word:
   * a device it declares replaces a stored one of the same name; devices only the store knows
   * (added over the API) are kept.
   */
  public void open(List<DeviceConfig> declared) {
    store.addListener(
        new DeviceStore.Listener() {
          @Override
          public void put(DeviceConfig device) {
            follower.execute(() -> followPut(device));
          }

          @Override
          public void removed(String name) {
            follower.execute(() -> followRemoved(name));
          }
        });
    Map<String, DeviceConfig> fromConfig = new LinkedHashMap<>();
    declared.forEach(d -> fromConfig.put(d.name(), d));
    for (DeviceConfig d : store.devices()) {
      DeviceConfig wanted = fromConfig.remove(d.name());
      if (wanted != null && !wanted.equals(d)) {
        log.info("device {}: the config file changes it from {} to {}", d.name(), d, wanted);
        store.putDevice(wanted);
        providerFor(wanted).open(wanted);
      } else {
        providerFor(d).open(d);
      }
    }
    fromConfig.values().forEach(this::add);
  }

  /** A device another controller of the cluster declared: this one connects to it too. */
  private synchronized void followPut(DeviceConfig config) {
    Optional<Device> known = device(config.name());
    if (known.isEmpty()) {
      providerFor(config).open(config);
      log.info("device {}: declared by another controller", config.name());
    }
  }

  private synchronized void followRemoved(String name) {
    Optional<DeviceProvider> p = owner(name);
    if (p.isPresent() && p.get().device(name).map(d -> d.config() != null).orElse(false)) {
      p.get().remove(name);
      log.info("device {}: removed by another controller", name);
    }
  }

  @Override
  public List<Device> devices() {
    List<Device> out = new ArrayList<>();
    providers.forEach(p -> out.addAll(p.devices()));
    out.sort(Comparator.comparing(Device::name));
    return out;
  }

  @Override
  public Optional<Device> device(String name) {
    return owner(name).flatMap(p -> p.device(name));
  }

  @Override
  public Map<Integer, Port> ports(String device) {
    return known(device).ports(device);
  }

  @Override
  public Optional<Port> port(ConnectPoint port) {
    return owner(port.device())
        .filter(p -> p.device(port.device()).isPresent())
        .map(p -> p.ports(port.device()).get(port.port()));
  }

  @Override
  public synchronized Device add(DeviceConfig config) {
    if (device(config.name()).isPresent()) {
      throw new DuplicateException("device '" + config.name() + "' exists");
    }
    for (Device d : devices()) {
      DeviceConfig c = d.config();
      if (c != null
          && c.p4runtime().equals(config.p4runtime())
          && c.deviceId() == config.deviceId()) {
        throw new DuplicateException(
            "device '"
                + d.name()
                + "' already is P4Runtime device "
                + config.deviceId()
                + " at "
                + config.p4runtime());
      }
    }
    DeviceProvider provider = providerFor(config);
    store.putDevice(config);
    Device d = provider.open(config);
    log.info("device {}: declared ({} at {})", d.name(), d.kind(), d.address());
    return d;
  }

  @Override
  public synchronized void remove(String name) {
    DeviceProvider p = known(name);
    if (p.device(name).orElseThrow().config() == null) {
      throw new ConfigException(
          "name", "device '" + name + "' connected by itself and cannot be removed");
    }
    store.removeDevice(name);
    p.remove(name);
    log.info("device {}: removed", name);
  }

  @Override
  public Port setPortEnabled(String device, int port, boolean enabled) {
    DeviceProvider p = known(device);
    if (!p.ports(device).containsKey(port)) {
      throw new NotFoundException("device '" + device + "' has no port " + port);
    }
    return p.setPortEnabled(device, port, enabled);
  }

  @Override
  public boolean packetOut(ConnectPoint port, byte[] frame) {
    return owner(port.device()).map(p -> p.packetOut(port, frame)).orElse(false);
  }

  @Override
  public ReconcileReport reconcile(String device) {
    return known(device).reconcile(device);
  }

  @Override
  public void addListener(DeviceListener listener) {
    events.addListener(listener);
  }

  @Override
  public SliceDevice programmable(String device) {
    Optional<DeviceProvider> p = owner(device);
    if (p.isEmpty() || p.get().device(device).isEmpty()) {
      throw new DeviceUnavailableException("device " + device + " is not known to the controller");
    }
    return p.get().programmable(device);
  }

  @Override
  public boolean knows(String device) {
    return device(device).isPresent();
  }

  @Override
  public void expect(String device, List<SliceRule> rules) {
    owner(device)
        .orElseThrow(() -> new NotFoundException("device " + device + " is not declared"))
        .expect(device, rules);
  }

  @Override
  public Map<String, ReconcileReport> reconcileAll() {
    Map<String, ReconcileReport> out = new LinkedHashMap<>();
    providers.forEach(p -> out.putAll(p.reconcileAll()));
    return out;
  }

  private Optional<DeviceProvider> owner(String device) {
    for (DeviceProvider p : providers) {
      if (p.owns(device)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The provider of a device the inventory knows; {@code NotFoundException} otherwise. */
  private DeviceProvider known(String device) {
    return owner(device)
        .filter(p -> p.device(device).isPresent())
        .orElseThrow(() -> new NotFoundException("no device '" + device + "'"));
  }

  private DeviceProvider providerFor(DeviceConfig config) {
    for (DeviceProvider p : providers) {
      if (p.accepts(config)) {
        return p;
      }
    }
    throw new ConfigException("driver", "no provider drives '" + config.driver() + "' devices");
  }

  /** Stops every provider. */
  public void close() {
    follower.shutdownNow();
    providers.forEach(DeviceProvider::close);
  }
}
