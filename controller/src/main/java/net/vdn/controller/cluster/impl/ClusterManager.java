package net.vdn.controller.cluster.impl;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.cluster.ClusterService;
import net.vdn.controller.device.spi.Mastership;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.MasterRecord;
import net.vdn.pipeconf.rule.SliceRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This controller as a member of a cluster on etcd. It joins with a lease ({@code members/NAME},
 * kept alive) and shows it is alive by putting that key again every heartbeat ({@link Membership});
 * a member whose key has not moved for the failure timeout is taken for dead (and a member that
 * could not put its own for that long stops writing to its devices). Every member computes the same
 * balanced {@link Assignment} of the devices over the live members and claims the devices it gives
 * it, each in a transaction that compares the device's {@code masters/DEVICE} key — and the dead
 * master's member key — with what it read, writing the next term. Providers follow the roles it
 * announces ({@link Mastership}).
 */
public final class ClusterManager implements ClusterService, Mastership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterManager.class);

  private final ClusterConfig config;
  private final Etcd etcd;
  private final String me;
  private final long backupId;
  private final Liveness liveness;
  private final Map<String, Role> roles = new ConcurrentHashMap<>();

  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong changes = new AtomicLong();
  private final AtomicBoolean evaluating = new AtomicBoolean();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-cluster").factory());

  /** The heartbeat's own thread: nothing the cluster's thread waits for may delay it. */
  private final ScheduledExecutorService beats =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-cluster-heartbeat").factory());

  private final RemoteProgramming programming;
  private final Membership membership;
  private volatile Masters.Handler handler;
  private volatile boolean closed;

  public ClusterManager(ClusterConfig config, Etcd etcd) {
    this.config = config;
    this.etcd = etcd;
    this.me = config.member();
    this.liveness = new Liveness(config, me);
    // Below every term (terms are the high word of a master's election id), unique per process.
    this.backupId = 1000 + (new SecureRandom().nextLong() & 0x3fff_ffff_ffff_ffffL);
    this.membership = new Membership(config, etcd, backupId, liveness, thread);
    this.programming = new RemoteProgramming(this);
  }

  /** The slice service's view of the other masters. */
  public Masters masters() {
    return programming;
  }

  public String self() {
    return me;
  }

  /** Joins: the lease, the member key, the heartbeat; then claims this member's devices. */
  public void start(String apiUrl) {
    etcd.addListener("members/", (k, before, after, rev) -> memberChanged(k, after));
    etcd.addListener("masters/", (k, before, after, rev) -> mastersChanged());
    etcd.addListener("devices/", (k, before, after, rev) -> soon());
    etcd.addListener("switches/", (k, before, after, rev) -> soon());
    programming.start();
    membership.join(apiUrl);
    long every = config.heartbeat().toMillis();
    beats.scheduleAtFixedRate(membership::beat, every, every, TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::evaluate, every, every, TimeUnit.MILLISECONDS);
    log.info(
        "cluster member {}: joined {} (lease {}, heartbeat {} ms, failure timeout {} ms)",
        me,
        etcd.describe(),
        Long.toHexString(membership.lease()),
        every,
        config.failureTimeout().toMillis());
  }

  /** The handler of the slice service: what a device should hold, for a new master. */
  void serve(Masters.Handler h) {
    this.handler = h;
    soon();
  }

  /** Whether this member's heartbeat went through recently enough for it to keep writing. */
  boolean selfAlive() {
    return liveness.selfAlive();
  }

  private void memberChanged(String key, Etcd.Entry after) {
    String name = key.substring("members/".length());
    if (after == null) {
      liveness.left(name);
      log.info("cluster member {} left", name);
      soon();
      return;
    }
    Membership.MemberRecord r =
        net.vdn.controller.store.etcd.EtcdStore.parse(after, Membership.MemberRecord.class);
    if (liveness.seen(name, r, after.modRevision())) {
      log.info("cluster member {} is up ({})", name, r.api());
      soon();
    }
  }

  private void mastersChanged() {
    changes.incrementAndGet();
    soon();
  }

  private void soon() {
    if (!closed) {
      thread.execute(this::evaluate);
    }
  }

  /** The members taken for alive now, by this member's observation. */
  Set<String> live() {
    return liveness.live();
  }

  /**
   * A switch told a backup here that its master's stream ended: the master is taken for dead as
   * soon as its heartbeat has also stayed still for the suspicion timeout (its devices then move at
   * once), unless it beats meanwhile. The claim's guard on the master's key still fences a member
   * that beat after all.
   */
  @Override
  public void suspect(String device) {
    MasterRecord m = master(device);
    long wait = closed || m == null ? -1 : liveness.suspect(m.member());
    if (wait < 0) {
      return;
    }
    log.info(
        "device {}: its switch no longer has master {} as primary; {} is taken for dead unless it"
            + " beats within {} ms",
        device,
        m.member(),
        m.member(),
        wait);
    try {
      thread.schedule(this::evaluate, wait, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closing.
    }
  }

  /** Every device of the cluster: declared ones and OpenFlow switches that connected. */
  Set<String> devices() {
    Set<String> out = new TreeSet<>();
    etcd.range("devices/").forEach(e -> out.add(e.key().substring("devices/".length())));
    etcd.range("switches/").forEach(e -> out.add(e.key().substring("switches/".length())));
    return out;
  }

  MasterRecord master(String device) {
    return MasterRecord.read(etcd.get(MasterRecord.key(device)));
  }

  /** Claims what the assignment gives this member, then tells providers of changed roles. */
  private void evaluate() {
    if (closed || !evaluating.compareAndSet(false, true)) {
      return;
    }
    try {
      Set<String> live = live();
      if (live.contains(me) && handler != null) {
        Map<String, String> current = new TreeMap<>();
        Set<String> devices = devices();
        for (String d : devices) {
          MasterRecord m = master(d);
          if (m != null) {
            current.put(d, m.member());
          }
        }
        Map<String, String> target = Assignment.of(devices, live, current);
        target.forEach(
            (d, m) -> {
              if (m.equals(me) && !me.equals(current.get(d))) {
                claim(d, live);
              }
            });
      }
      announce();
    } catch (StoreUnavailableException e) {
      log.debug("cluster member {}: mastership not evaluated: {}", me, e.getMessage());
      announce();
    } catch (RuntimeException e) {
      log.warn("cluster member {}: mastership not evaluated: {}", me, e.toString(), e);
    } finally {
      evaluating.set(false);
    }
  }

  /** Takes a device at the next term, if neither it nor its master's heartbeat moved meanwhile. */
  private void claim(String device, Set<String> live) {
    Etcd.Entry e = etcd.get(MasterRecord.key(device));
    MasterRecord m = MasterRecord.read(e);
    List<Etcd.Guard> guards = new ArrayList<>();
    guards.add(new Etcd.Guard(MasterRecord.key(device), e == null ? 0 : e.modRevision()));
    if (m != null && !live.contains(m.member())) {
      Liveness.Seen s = liveness.get(m.member());
      guards.add(new Etcd.Guard("members/" + m.member(), s == null ? 0 : s.modRevision()));
    }
    long term = m == null ? 1 : m.term() + 1;
    MasterRecord next = new MasterRecord(me, term);
    if (etcd.commit(guards, List.of(Etcd.Write.put(MasterRecord.key(device), next.json())))) {
      // Providers hear of it now, not after this member's other claims.
      announce();
      log.info(
          "device {}: mastered by {} at term {}{}",
          device,
          me,
          term,
          m == null ? "" : " (was " + m.member() + " at term " + m.term() + ")");
    }
  }

  /** Tells providers of every device whose role here changed. */
  private void announce() {
    boolean alive = selfAlive();
    for (String d : devices()) {
      MasterRecord m = master(d);
      // Nothing is mastered before the slice service can say what the devices should hold.
      boolean master = alive && handler != null && m != null && m.member().equals(me);
      Role now = new Role(master, m == null ? 0 : m.term(), backupId);
      Role before = roles.put(d, now);
      if (!now.equals(before)) {
        if (before != null && before.master() && !now.master()) {
          log.warn("device {}: no longer mastered here ({})", d, alive ? "moved" : "cut off");
        }
        listeners.forEach(l -> l.accept(d));
      }
    }
  }

  /** Hears the inventory: every switch that connects by itself is {@link #seen}. */
  public net.vdn.controller.device.DeviceListener switchesSeen() {
    return new net.vdn.controller.device.DeviceListener() {
      @Override
      public void deviceChanged(
          net.vdn.controller.device.Device before, net.vdn.controller.device.Device after) {
        if (after != null) {
          seen(after);
        }
      }
    };
  }

  /**
   * A device connected by itself (an OpenFlow switch): recorded in {@code switches/NAME}, so that
   * the cluster gives it a master like the declared ones.
   */
  public void seen(net.vdn.controller.device.Device device) {
    if (device.config() != null || etcd.get("switches/" + device.name()) != null) {
      return;
    }
    thread.execute(
        () -> {
          try {
            if (etcd.get("switches/" + device.name()) == null) {
              etcd.put("switches/" + device.name(), "{}");
            }
          } catch (StoreUnavailableException e) {
            log.warn("switch {}: not recorded in the cluster: {}", device.name(), e.getMessage());
          }
        });
  }

  // ------------------------------------------------------------------ Mastership (providers)

  @Override
  public Role role(String device) {
    Role r = roles.get(device);
    if (r != null) {
      return r;
    }
    MasterRecord m = master(device);
    return new Role(false, m == null ? 0 : m.term(), backupId);
  }

  @Override
  public List<SliceRule> wanted(String device) {
    Masters.Handler h = handler;
    return h == null ? List.of() : h.rulesFor(device);
  }

  @Override
  public void ready(String device, long term) {
    // Not on the cluster's thread, which may be busy claiming other devices.
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                etcd.send(
                    List.of(
                        Etcd.Write.put(
                            "ready/" + device,
                            new MasterRecord(me, term).json(),
                            membership.lease())));
              } catch (StoreUnavailableException e) {
                log.debug("device {}: readiness not recorded: {}", device, e.getMessage());
              }
            });
  }

  @Override
  public void addListener(Consumer<String> changed) {
    listeners.add(changed);
  }

  @Override
  public boolean clustered() {
    return true;
  }

  /**
   * The cluster's links: those of {@code store}, aged only while the link's source device is probed
   * by a live master that has it ready.
   */
  public net.vdn.controller.topology.LinkStore links(net.vdn.controller.topology.LinkStore store) {
    return new ClusterLinks(store, this, etcd);
  }

  /** Whether this member masters the device and may write to it now. */
  boolean mastersHere(String device) {
    Role r = roles.get(device);
    return r != null && r.master();
  }

  long backupId() {
    return backupId;
  }

  long lease() {
    return membership.lease();
  }

  Etcd etcd() {
    return etcd;
  }

  ClusterConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ ClusterService

  @Override
  public View view() {
    return ClusterView.of(this, liveness, etcd, changes.get());
  }

  @Override
  public Stats stats() {
    return new Stats(changes.get(), etcd.calls(), etcd.callNanos() / 1e9);
  }

  /** Leaves the cluster: the lease is revoked, so the others take this member's devices at once. */
  @Override
  public void close() {
    closed = true;
    beats.shutdownNow();
    thread.shutdownNow();
    programming.close();
    membership.close();
  }
}
