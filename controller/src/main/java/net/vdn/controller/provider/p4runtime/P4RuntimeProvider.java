package net.vdn.controller.provider.p4runtime;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.Device;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.DeviceListener;
import net.vdn.controller.device.Port;
import net.vdn.controller.device.ReconcileReport;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.device.spi.DeviceProvider;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.NotFoundException;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.TargetException;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.pipeconf.SlicingPipeline;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P4Runtime devices as the inventory and the slice service use them: their ports, packet-out,
 * programming through each device's mirror, reconciliation on demand. Their connections — primary
 * or backup, the pipeline, gNMI ports, reconciliation on every (re)connect once armed — live in
 * {@link P4Connections}.
 */
public final class P4RuntimeProvider implements DeviceProvider {
  private static final Logger log = LoggerFactory.getLogger(P4RuntimeProvider.class);

  private final Map<String, P4Device> devices = new ConcurrentHashMap<>();
  private final List<SliceRule> baseRules;
  private final DeviceListener events;
  private final Entities mirrorCodec;
  private final P4Connections connections;
  private final Mastership mastership;
  private final java.util.concurrent.atomic.AtomicBoolean following =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param baseRules rules every device holds whatever the slices (the LLDP punt, the ARP copy)
   * @param events where devices, ports and packets are reported
   * @param sampleInterval how often gNMI samples port counters
   */
  public P4RuntimeProvider(
      List<SliceRule> baseRules, DeviceListener events, Duration sampleInterval) {
    this(baseRules, events, sampleInterval, Mastership.SOLE);
  }

  /**
   * A provider in a cluster: each device is connected as master with an election id made from its
   * mastership term (the term in the high word), or as backup below every term, and reconnected
   * whenever the role changes; a new master brings the device to what the store says it should hold
   * before anything else is written.
   */
  public P4RuntimeProvider(
      List<SliceRule> baseRules,
      DeviceListener events,
      Duration sampleInterval,
      Mastership mastership) {
    this.mastership = mastership;
    this.baseRules = List.copyOf(baseRules);
    this.events = events;
    P4InfoIndex index = P4InfoIndex.of(SlicingPipeline.config().p4info());
    this.mirrorCodec = Entities.of(index);
    this.connections =
        new P4Connections(devices, this.baseRules, events, sampleInterval, mastership, index);
  }

  @Override
  public boolean owns(String device) {
    return devices.containsKey(device);
  }

  @Override
  public boolean accepts(DeviceConfig config) {
    return DeviceConfig.P4RUNTIME.equals(config.driver());
  }

  @Override
  public Device open(DeviceConfig config) {
    if (following.compareAndSet(false, true)) {
      connections.followRoles();
    }
    P4Device d = new P4Device(config, new DeviceMirror(mirrorCodec));
    P4SliceDevice.expect(d.mirror(), baseRules);
    if (config.gnmi() == null) {
      Map<Integer, Port> ports = new HashMap<>();
      if (config.ports() != null) {
        for (int p : config.ports()) {
          ports.put(p, new Port(p, String.valueOf(p), config.speedOrDefault(), true, true, -1));
        }
      }
      d.setPorts(ports);
    }
    devices.put(config.name(), d);
    events.deviceChanged(null, d.snapshot());
    connections.start(d);
    return d.snapshot();
  }

  @Override
  public void remove(String name) {
    P4Device d = devices.remove(name);
    if (d == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    Device before = d.snapshot();
    connections.disconnect(d);
    events.deviceChanged(before, null);
  }

  @Override
  public List<Device> devices() {
    return devices.values().stream()
        .sorted(Comparator.comparing(P4Device::name))
        .map(P4Device::snapshot)
        .toList();
  }

  @Override
  public Optional<Device> device(String name) {
    return Optional.ofNullable(devices.get(name)).map(P4Device::snapshot);
  }

  @Override
  public Map<Integer, Port> ports(String device) {
    return get(device).ports();
  }

  @Override
  public Port setPortEnabled(String name, int port, boolean enabled) {
    P4Device d = get(name);
    GnmiPorts g = d.gnmi;
    if (g == null) {
      throw new DeviceUnavailableException(
          "device " + name + " has no gNMI connection to turn port " + port + " up or down");
    }
    try {
      g.setEnabled(port, enabled);
    } catch (RuntimeException e) {
      throw translate(name, e);
    }
    Port before = d.port(port);
    Port after = d.updatePort(port, p -> p.withState(enabled, p.up() && enabled));
    log.info("device {}: port {} {}", name, port, enabled ? "enabled" : "disabled");
    if (before != null && !before.equals(after)) {
      events.portChanged(name, before, after);
    }
    return after;
  }

  @Override
  public boolean packetOut(ConnectPoint port, byte[] frame) {
    P4Device d = devices.get(port.device());
    P4RuntimeClient c = d == null ? null : d.availableClient();
    if (c == null) {
      return false;
    }
    c.sendPacket(frame, Map.of("egress_port", Value.of(port.port()), "do_forwarding", Value.ZERO));
    return true;
  }

  @Override
  public ReconcileReport reconcile(String name) {
    P4Device d = get(name);
    if (d.availableClient() == null) {
      throw new DeviceUnavailableException(unavailable(d));
    }
    try {
      return connections.reconcile(d);
    } catch (RuntimeException e) {
      throw translate(name, e);
    }
  }

  @Override
  public SliceDevice programmable(String name) {
    P4Device d = devices.get(name);
    if (d == null) {
      throw new DeviceUnavailableException("device " + name + " is not known to the controller");
    }
    P4RuntimeClient c = d.availableClient();
    if (c == null) {
      throw new DeviceUnavailableException(unavailable(d));
    }
    return new P4SliceDevice(name, c, d.mirror());
  }

  private static String unavailable(P4Device d) {
    return "device "
        + d.name()
        + " is unreachable ("
        + d.state().name().toLowerCase()
        + (d.lastError() == null ? "" : ": " + d.lastError())
        + ")";
  }

  @Override
  public void expect(String name, List<SliceRule> rules) {
    P4SliceDevice.expect(get(name).mirror(), rules);
  }

  @Override
  public Map<String, ReconcileReport> reconcileAll() {
    try {
      return connections.reconcileAll(sorted());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } catch (ExecutionException e) {
      throw new IllegalStateException("reconciliation failed: " + e.getCause().getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("reconciliation failed: " + e.getMessage(), e);
    }
  }

  private List<P4Device> sorted() {
    return devices.values().stream().sorted(Comparator.comparing(P4Device::name)).toList();
  }

  private P4Device get(String name) {
    P4Device d = devices.get(name);
    if (d == null) {
      throw new NotFoundException("no device '" + name + "'");
    }
    return d;
  }

  /**
   * A P4Runtime or gNMI failure as the controller reports it: unreachable (503), or refused by the
   * device (502), naming the device.
   */
  static RuntimeException translate(String device, RuntimeException e) {
    if (e instanceof DeviceUnavailableException || e instanceof DeviceRefusedException) {
      return e;
    }
    if (e instanceof TargetException t && t.code() == io.grpc.Status.Code.UNAVAILABLE) {
      return new DeviceUnavailableException(
          "device " + device + " is unreachable: " + t.getMessage());
    }
    if (e instanceof NotPrimaryException) {
      return new DeviceUnavailableException("device " + device + ": " + e.getMessage());
    }
    return new DeviceRefusedException("device " + device + " refused: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    connections.close();
  }
}
