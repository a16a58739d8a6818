package net.vdn.softswitch.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The data ports of one softswitch. A port is up (oper-status) when it is enabled (admin) and its
 * link is up; frames to or from a port that is down are dropped and counted as discards. Ports a
 * switch never declared carry frames without state or counters.
 */
public final class Ports {
  /** One port's counters; packets are all unicast as far as the softswitch counts. */
  public static final class Counters {
    public final AtomicLong inOctets = new AtomicLong();
    public final AtomicLong inPackets = new AtomicLong();
    public final AtomicLong inDiscards = new AtomicLong();
    public final AtomicLong outOctets = new AtomicLong();
    public final AtomicLong outPackets = new AtomicLong();
    public final AtomicLong outDiscards = new AtomicLong();
  }

  /** A port and its state. */
  public static final class Port {
    private final int number;
    private final String name;
    private final Counters counters = new Counters();
    private volatile boolean enabled = true;
    private volatile boolean linkUp = true;
    private volatile long speedBps;

    Port(int number, String name, long speedBps) {
      this.number = number;
      this.name = name;
      this.speedBps = speedBps;
    }

    public int number() {
      return number;
    }

    public String name() {
      return name;
    }

    public boolean enabled() {
      return enabled;
    }

    public boolean linkUp() {
      return linkUp;
    }

    public boolean operUp() {
      return enabled && linkUp;
    }

    public long speedBps() {
      return speedBps;
    }

    public Counters counters() {
      return counters;
    }
  }

  private final Map<Integer, Port> byNumber = new ConcurrentHashMap<>();
  private final Map<String, Port> byName = new ConcurrentHashMap<>();
  private final List<Consumer<Port>> listeners = new CopyOnWriteArrayList<>();

  /** Declares a port; its name is what gNMI calls it (often the number as text). */
  public synchronized Port add(int number, String name, long speedBps) {
    if (byNumber.containsKey(number) || byName.containsKey(name)) {
      throw new IllegalArgumentException(
          "port " + number + " ('" + name + "') is already declared");
    }
    Port p = new Port(number, name, speedBps);
    byNumber.put(number, p);
    byName.put(name, p);
    return p;
  }

  public Port byNumber(int number) {
    return byNumber.get(number);
  }

  public Port byName(String name) {
    return byName.get(name);
  }

  public List<Port> all() {
    List<Port> out = new ArrayList<>(byNumber.values());
    out.sort((a, b) -> Integer.compare(a.number, b.number));
    return out;
  }

  /** Called with a port whenever its admin or link state or its speed changes. */
  public void onChange(Consumer<Port> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<Port> listener) {
    listeners.remove(listener);
  }

  public void setEnabled(Port p, boolean enabled) {
    if (p.enabled != enabled) {
      p.enabled = enabled;
      fire(p);
    }
  }

  public void setLinkUp(int number, boolean up) {
    Port p = byNumber.get(number);
    if (p != null && p.linkUp != up) {
      p.linkUp = up;
      fire(p);
    }
  }

  public void setSpeed(Port p, long speedBps) {
    if (p.speedBps != speedBps) {
      p.speedBps = speedBps;
      fire(p);
    }
  }

  private void fire(Port p) {
    listeners.forEach(l -> l.accept(p));
  }

  /** Counts a frame coming in; false when the port is down and the frame must be dropped. */
  public boolean admitIn(int number, int length) {
    Port p = byNumber.get(number);
    if (p == null) {
      return true;
    }
    if (!p.operUp()) {
      p.counters.inDiscards.incrementAndGet();
      return false;
    }
    p.counters.inPackets.incrementAndGet();
    p.counters.inOctets.addAndGet(length);
    return true;
  }

  /**
   * A frame that {@link #admitIn} counted in but that was dropped before it was processed (its
   * worker's queue was full): counted as a discard instead.
   */
  public void discardAdmitted(int number, int length) {
    Port p = byNumber.get(number);
    if (p != null) {
      p.counters.inPackets.decrementAndGet();
      p.counters.inOctets.addAndGet(-length);
      p.counters.inDiscards.incrementAndGet();
    }
  }

  /** Frames that arrived on a port and were dropped before the switch could take them. */
  public void discarded(int number, long frames) {
    Port p = byNumber.get(number);
    if (p != null) {
      p.counters.inDiscards.addAndGet(frames);
    }
  }

  /** The number of declared ports. */
  public int count() {
    return byNumber.size();
  }

  /** Counts a frame going out; false when the port is down and the frame must be dropped. */
  public boolean admitOut(int number, int length) {
    Port p = byNumber.get(number);
    if (p == null) {
      return true;
    }
    if (!p.operUp()) {
      p.counters.outDiscards.incrementAndGet();
      return false;
    }
    p.counters.outPackets.incrementAndGet();
    p.counters.outOctets.addAndGet(length);
    return true;
  }
}
