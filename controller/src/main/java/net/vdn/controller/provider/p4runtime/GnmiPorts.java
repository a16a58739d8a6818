package net.vdn.controller.provider.p4runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.Port;
import net.vdn.gnmi.GnmiClient;
import net.vdn.gnmi.GnmiOptions;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.Notification;
import net.vdn.gnmi.SubscribeEvent;
import net.vdn.gnmi.SubscribeStream;
import net.vdn.gnmi.openconfig.InterfaceCounters;
import net.vdn.gnmi.openconfig.InterfacePaths;
import net.vdn.gnmi.openconfig.OpenConfigInterfaces;
import net.vdn.gnmi.openconfig.OperStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's ports over gNMI: lists them with their speeds and states, turns them up and down,
 * watches oper-status with an ON_CHANGE subscription and samples out-octets to give each port's
 * rate. Interface names are port numbers (as the softswitch and BMv2 name them) unless they carry
 * none, in which case the port is not tracked.
 */
final class GnmiPorts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GnmiPorts.class);

  private final String device;
  private final GnmiClient client;
  private final OpenConfigInterfaces oc;
  private final List<SubscribeStream> streams = new ArrayList<>();
  private final List<Thread> pumps = new ArrayList<>();
  private final Map<String, long[]> lastOctets = new HashMap<>();
  private volatile boolean closed;

  GnmiPorts(String device, String address, DeviceConfig.Tls tls) {
    this.device = device;
    this.client =
        GnmiClient.connect(
            DeviceTls.apply(GnmiOptions.builder(address), tls)
                .name(device)
                .rpcTimeout(Duration.ofSeconds(5))
                .build());
    this.oc = new OpenConfigInterfaces(client);
  }

  /** The device's ports with their speeds and states, by number. */
  Map<Integer, Port> list(long defaultSpeedBps) {
    Map<Integer, Port> out = new HashMap<>();
    for (Notification n : client.get(InterfacePaths.operStatus("*"))) {
      for (Notification.Update u : n.updates()) {
        String name = u.path().keyOf("interface", "name");
        Integer number = number(name);
        if (number == null) {
          continue;
        }
        boolean up = u.value() instanceof GnmiValue.StringValue s && isUp(s.value());
        long speed;
        try {
          speed = oc.portSpeed(name).bitsPerSecond();
        } catch (RuntimeException e) {
          speed = defaultSpeedBps;
        }
        boolean enabled;
        try {
          enabled = oc.enabled(name);
        } catch (RuntimeException e) {
          enabled = true;
        }
        out.put(number, new Port(number, name, speed, enabled, up, -1));
      }
    }
    return out;
  }

  void setEnabled(int port, boolean enabled) {
    oc.setEnabled(String.valueOf(port), enabled);
  }

  /**
   * Starts the subscriptions: {@code operStatus} gets (port, up) at every change, {@code rates}
   * gets (port, bits per second sent) every {@code sample}.
   */
  void watch(
      BiConsumer<Integer, Boolean> operStatus, BiConsumer<Integer, Long> rates, Duration sample) {
    SubscribeStream status = oc.subscribeOperStatus("*");
    SubscribeStream counters = oc.subscribeCounters(sample, "*");
    streams.add(status);
    streams.add(counters);
    pump(
        status,
        n -> {
          for (Notification.Update u : n.updates()) {
            Integer port = number(u.path().keyOf("interface", "name"));
            if (port != null && u.value() instanceof GnmiValue.StringValue s) {
              operStatus.accept(port, isUp(s.value()));
            }
          }
        });
    pump(
        counters,
        n ->
            InterfaceCounters.from(List.of(n))
                .forEach(
                    (name, c) -> {
                      Integer port = number(name);
                      if (port == null) {
                        return;
                      }
                      long now = n.timestampNanos();
                      long[] last = lastOctets.put(name, new long[] {now, c.outOctets()});
                      if (last != null && now > last[0] && c.outOctets() >= last[1]) {
                        rates.accept(
                            port, (c.outOctets() - last[1]) * 8_000_000_000L / (now - last[0]));
                      }
                    }));
  }

  private void pump(SubscribeStream stream, java.util.function.Consumer<Notification> sink) {
    Thread t =
        Thread.ofPlatform()
            .daemon()
            .name("gnmi-" + device)
            .start(
                () -> {
                  while (!closed) {
                    try {
                      SubscribeEvent e = stream.events().poll(Duration.ofMillis(500));
                      if (e instanceof SubscribeEvent.Data d) {
                        sink.accept(d.notification());
                      } else if (e instanceof SubscribeEvent.Ended end) {
                        log.warn("device {}: gNMI subscription ended: {}", device, end);
                        return;
                      }
                    } catch (InterruptedException ex) {
                      return;
                    } catch (RuntimeException ex) {
                      log.warn("device {}: bad gNMI update: {}", device, ex.getMessage());
                    }
                  }
                });
    pumps.add(t);
  }

  private static boolean isUp(String status) {
    try {
      return OperStatus.parse(status) == OperStatus.UP;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Integer number(String name) {
    if (name == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(name);
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    streams.forEach(SubscribeStream::close);
    pumps.forEach(Thread::interrupt);
    client.close();
  }
}
