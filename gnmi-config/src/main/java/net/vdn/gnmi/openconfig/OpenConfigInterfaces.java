package net.vdn.gnmi.openconfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.vdn.gnmi.GnmiClient;
import net.vdn.gnmi.GnmiException;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.GnmiValueException;
import net.vdn.gnmi.SubscribeStream;
import net.vdn.gnmi.Subscription;
import net.vdn.gnmi.SubscriptionList;

/**
 * Port configuration, state and counters of a target's OpenConfig interfaces, over a {@link
 * GnmiClient}. Interfaces are named as the target names them (Stratum: the port names of its
 * chassis config, for example {@code 1/1/1}).
 */
public final class OpenConfigInterfaces {
  private final GnmiClient client;

  public OpenConfigInterfaces(GnmiClient client) {
    this.client = client;
  }

  public void setEnabled(String name, boolean enabled) {
    client.update(InterfacePaths.enabled(name), GnmiValue.of(enabled));
  }

  public boolean enabled(String name) {
    GnmiPath p = InterfacePaths.enabled(name);
    GnmiValue v = client.getValue(p);
    if (v instanceof GnmiValue.BoolValue b) {
      return b.value();
    }
    throw unexpected(p, "a boolean", v);
  }

  public void setHealthIndicator(String name, HealthIndicator health) {
    client.update(InterfacePaths.healthIndicator(name), GnmiValue.of(health.name()));
  }

  public HealthIndicator healthIndicator(String name) {
    return HealthIndicator.parse(text(InterfacePaths.healthIndicator(name)));
  }

  /** Sets the port speed, sent as the identity with its module prefix. */
  public void setPortSpeed(String name, PortSpeed speed) {
    client.update(InterfacePaths.portSpeed(name), GnmiValue.of(speed.identity()));
  }

  /** Sets the port speed in bits per second (one of the OpenConfig speeds). */
  public void setPortSpeedBps(String name, long bitsPerSecond) {
    setPortSpeed(name, PortSpeed.ofBitsPerSecond(bitsPerSecond));
  }

  public PortSpeed portSpeed(String name) {
    return PortSpeed.fromIdentity(text(InterfacePaths.portSpeed(name)));
  }

  public PortSpeed negotiatedPortSpeed(String name) {
    return PortSpeed.fromIdentity(text(InterfacePaths.negotiatedPortSpeed(name)));
  }

  public void setMacAddress(String name, MacAddress mac) {
    client.update(InterfacePaths.macAddress(name), GnmiValue.of(mac.toString()));
  }

  /** The MAC address the port uses (its state), a string or, from some targets, an integer. */
  public MacAddress macAddress(String name) {
    GnmiPath p = InterfacePaths.macAddressState(name);
    return switch (client.getValue(p)) {
      case GnmiValue.StringValue s -> MacAddress.parse(s.value());
      case GnmiValue.UintValue u -> new MacAddress(u.value());
      case GnmiValue v -> throw unexpected(p, "a MAC address", v);
    };
  }

  public OperStatus operStatus(String name) {
    return OperStatus.parse(text(InterfacePaths.operStatus(name)));
  }

  public AdminStatus adminStatus(String name) {
    return AdminStatus.parse(text(InterfacePaths.adminStatus(name)));
  }

  /** The counters of one interface; GnmiException when the target reports none. */
  public InterfaceCounters counters(String name) {
    Map<String, InterfaceCounters> all =
        InterfaceCounters.from(client.get(InterfacePaths.counters(name)));
    InterfaceCounters c = all.get(name);
    if (c == null) {
      throw new GnmiException("the target reported no counters for interface '" + name + "'");
    }
    return c;
  }

  /** The counters of every interface, by name. */
  public Map<String, InterfaceCounters> allCounters() {
    return InterfaceCounters.from(client.get(InterfacePaths.counters("*")));
  }

  /**
   * Streams the counters of the interfaces every {@code interval}; decode the events' notifications
   * with {@link InterfaceCounters#from}.
   */
  public SubscribeStream subscribeCounters(Duration interval, String... names) {
    List<Subscription> subs = new ArrayList<>();
    for (String n : names) {
      subs.add(Subscription.sample(InterfacePaths.counters(n), interval));
    }
    return client.subscribe(SubscriptionList.stream(subs.toArray(Subscription[]::new)));
  }

  /** Streams the oper-status of the interfaces as it changes. */
  public SubscribeStream subscribeOperStatus(String... names) {
    List<Subscription> subs = new ArrayList<>();
    for (String n : names) {
      subs.add(Subscription.onChange(InterfacePaths.operStatus(n)));
    }
    return client.subscribe(SubscriptionList.stream(subs.toArray(Subscription[]::new)));
  }

  private String text(GnmiPath p) {
    return switch (client.getValue(p)) {
      case GnmiValue.StringValue s -> s.value();
      case GnmiValue.AsciiValue a -> a.value();
      case GnmiValue v -> throw unexpected(p, "a string", v);
    };
  }

  private GnmiValueException unexpected(GnmiPath p, String expected, GnmiValue actual) {
    return new GnmiValueException(
        "gNMI "
            + client.options().target()
            + ": "
            + p
            + ": expected "
            + expected
            + ", got "
            + actual);
  }
}
