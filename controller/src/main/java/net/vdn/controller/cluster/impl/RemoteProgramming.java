package net.vdn.controller.cluster.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.controller.store.etcd.AdmissionRider;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.EtcdStore;
import net.vdn.controller.store.etcd.MasterRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slices programmed on devices other members master, through etcd. The member that answers the API
 * writes one request per master ({@code requests/MASTER/ID}: the slice's version before and after,
 * and each device with the term it expects), all in one transaction and on its own lease (a new or
 * changed slice's in its admission's transaction: {@link AdmissionRider}); each master moves its
 * devices (compiling the versions itself, all of its devices at once) and answers ({@code
 * replies/ORIGIN/ID/MASTER}: what each device refused; {@link ServedRequests}). The asker waits for
 * every answer, a member that goes away or outlives the deadline counting as a refusal; the request
 * and its answers are deleted with the other finished ones, in one transaction every {@value
 * #SWEEP_MILLIS} ms.
 */
final class RemoteProgramming implements Masters {
  private static final Logger log = LoggerFactory.getLogger(RemoteProgramming.class);
  private static final long SWEEP_MILLIS = 200;

  /** Below etcd's default limit of operations in one transaction (128). */
  private static final int SWEEP_MAX_WRITES = 120;

  /** A request whose admission's outcome is not known is taken back when etcd answers again. */
  private static final int TAKE_BACK_ATTEMPTS = 20;

  private static final long TAKE_BACK_PAUSE_MILLIS = 500;

  record Request(
      String from,
      String id,
      String slice,
      StoredSlice before,
      StoredSlice after,
      Map<String, Long> devices) {}

  record Failure(String kind, String message) {}

  record Reply(String member, Map<String, Failure> failures) {}

  /** A request waiting for its answers. */
  private static final class Pending {
    final Set<String> waiting;
    final Map<String, Failure> failures = new ConcurrentHashMap<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(Set<String> members) {
      this.waiting = ConcurrentHashMap.newKeySet();
      this.waiting.addAll(members);
    }

    void answer(Reply r) {
      failures.putAll(r.failures());
      waiting.remove(r.member());
      if (waiting.isEmpty()) {
        done.complete(null);
      }
    }
  }

  private final ClusterManager cluster;
  private final Etcd etcd;
  private final String me;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vdn-remote-", 0).factory());
  private final ServedRequests served;

  /** Requests answered (or given up on) whose keys are still to be deleted, with their members. */
  private final java.util.Queue<Map.Entry<String, Collection<String>>> finished =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final java.util.concurrent.ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-remote-sweep").factory());

  RemoteProgramming(ClusterManager cluster) {
    this.cluster = cluster;
    this.etcd = cluster.etcd();
    this.me = cluster.self();
    this.served = new ServedRequests(cluster, workers);
  }

  /** Starts answering requests and hearing answers. */
  void start() {
    served.start();
    etcd.addListener("replies/" + me + "/", (k, before, after, rev) -> replied(after));
    sweeper.scheduleWithFixedDelay(
        this::cleanUp, SWEEP_MILLIS, SWEEP_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public Map<String, Placement> place(Collection<String> devices) {
    Map<String, Placement> out = new LinkedHashMap<>();
    for (String d : devices) {
      MasterRecord m = cluster.master(d);
      // This member's own devices are programmed here (once its provider has them ready).
      boolean local = m != null && m.member().equals(me);
      out.put(d, new Placement(m == null ? null : m.member(), m == null ? 0 : m.term(), local));
    }
    return out;
  }

  @Override
  public Map<String, RuntimeException> program(
      String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
    return ask(slice, before, after, remote).answers();
  }

  @Override
  public Asking ask(
      String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
    return new Ask(slice, before, after, remote);
  }

  /**
   * One request to the masters of a slice's devices: its keys are written with the slice's
   * admission when the store takes them ({@link AdmissionRider}), on their own otherwise.
   */
  private final class Ask implements Asking {
    private final String slice;
    private final StoredSlice before;
    private final StoredSlice after;
    private final Map<String, Placement> remote;

    /** Devices refused before anything is asked (no master, or not ready here). */
    private final Map<String, RuntimeException> out = new TreeMap<>();

    private final Map<String, Map<String, Long>> byMember = new TreeMap<>();
    private final String id;
    private final Pending waiting;
    private final List<Etcd.Write> writes = new ArrayList<>();
    private AdmissionRider rider;
    private boolean over;

    Ask(String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
      this.slice = slice;
      this.before = before;
      this.after = after;
      this.remote = remote;
      remote.forEach(
          (d, p) -> {
            if (p.member() == null) {
              out.put(d, new DeviceUnavailableException("device " + d + " has no master yet"));
            } else if (p.member().equals(me)) {
              out.put(
                  d,
                  new DeviceUnavailableException(
                      "device " + d + " is mastered here but not reconciled yet; try again"));
            } else {
              byMember.computeIfAbsent(p.member(), m -> new TreeMap<>()).put(d, p.term());
            }
          });
      if (byMember.isEmpty()) {
        id = null;
        waiting = null;
        return;
      }
      id = me + "-" + sequence.incrementAndGet();
      waiting = new Pending(byMember.keySet());
      pending.put(id, waiting);
      byMember.forEach(
          (member, devices) ->
              writes.add(
                  Etcd.Write.put(
                      "requests/" + member + "/" + id,
                      EtcdStore.json(new Request(me, id, slice, before, after, devices)),
                      cluster.lease())));
    }

    @Override
    public <T> T admitting(java.util.function.Supplier<T> admission) {
      if (writes.isEmpty()) {
        return admission.get();
      }
      rider = new AdmissionRider(slice, writes);
      return rider.carry(admission);
    }

    @Override
    public Map<String, RuntimeException> answers() {
      if (waiting == null) {
        return out;
      }
      try {
        if (rider == null || !rider.sent()) {
          etcd.send(writes);
        }
        await(waiting, byMember);
        waiting.failures.forEach((d, f) -> out.put(d, exception(d, f)));
        return out;
      } finally {
        finish();
      }
    }

    @Override
    public void drop() {
      if (waiting == null) {
        return;
      }
      if (rider == null || !(rider.unsure() || rider.sent())) {
        // Nothing was written: no keys to delete.
        pending.remove(id);
        return;
      }
      // The request may have been (or may yet be) written with the admission: once its answers
      // are in (or given up on), every device it named is taken back, which is harmless where
      // nothing changed.
      try {
        workers.execute(
            () -> {
              try {
                await(waiting, byMember);
              } finally {
                finish();
              }
              takeBack();
            });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        finish();
      }
    }

    private void takeBack() {
      Map<String, Placement> asked = new LinkedHashMap<>();
      byMember
          .values()
          .forEach(devices -> devices.keySet().forEach(d -> asked.put(d, remote.get(d))));
      for (int attempt = 1; ; attempt++) {
        try {
          program(slice, after, before, asked)
              .forEach((d, e) -> log.warn("device {}: not taken back: {}", d, e.getMessage()));
          return;
        } catch (StoreUnavailableException e) {
          if (attempt == TAKE_BACK_ATTEMPTS) {
            log.warn(
                "slice {}: devices {} not taken back: {}", slice, asked.keySet(), e.getMessage());
            return;
          }
          try {
            Thread.sleep(TAKE_BACK_PAUSE_MILLIS);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private synchronized void finish() {
      if (!over) {
        over = true;
        pending.remove(id);
        finished.add(Map.entry(id, List.copyOf(byMember.keySet())));
      }
    }
  }

  /** Waits for every answer; members that go away or take too long refuse every device. */
  private void await(Pending p, Map<String, Map<String, Long>> byMember) {
    long deadline = System.nanoTime() + cluster.config().requestTimeout().toNanos();
    while (!p.done.isDone()) {
      try {
        p.done.get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        Set<String> live = cluster.live();
        boolean late = System.nanoTime() > deadline;
        for (String m : List.copyOf(p.waiting)) {
          if (late || !live.contains(m)) {
            String why =
                late
                    ? "controller " + m + " did not answer in time"
                    : "controller " + m + " went away";
            Map<String, Failure> f = new TreeMap<>();
            byMember.get(m).keySet().forEach(d -> f.put(d, new Failure("unavailable", why)));
            p.answer(new Reply(m, f));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted waiting for the other controllers");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Deletes the keys of the requests finished since the last sweep, many in one transaction: one
   * write to etcd every {@value #SWEEP_MILLIS} ms at most rather than one per request, each of
   * which would have waited its turn for etcd's disk with the writes of the next slices.
   */
  private void cleanUp() {
    List<Map.Entry<String, Collection<String>>> batch = new ArrayList<>();
    List<Etcd.Write> writes = new ArrayList<>();
    for (Map.Entry<String, Collection<String>> f;
        writes.size() < SWEEP_MAX_WRITES && (f = finished.poll()) != null; ) {
      batch.add(f);
      for (String m : f.getValue()) {
        writes.add(Etcd.Write.delete("requests/" + m + "/" + f.getKey()));
        writes.add(Etcd.Write.delete("replies/" + me + "/" + f.getKey() + "/" + m));
      }
    }
    if (writes.isEmpty()) {
      return;
    }
    try {
      etcd.send(writes);
    } catch (RuntimeException e) {
      // Kept for the next sweep; the keys live on this member's lease in any case.
      finished.addAll(batch);
      log.debug("{} requests: not cleaned up: {}", batch.size(), e.getMessage());
    }
  }

  private static RuntimeException exception(String device, Failure f) {
    return switch (f.kind()) {
      case "unavailable" -> new DeviceUnavailableException(f.message());
      default -> new DeviceRefusedException(f.message(), null);
    };
  }

  private void replied(Etcd.Entry after) {
    if (after == null) {
      return;
    }
    String[] parts = after.key().split("/");
    Pending p = parts.length >= 4 ? pending.get(parts[2]) : null;
    if (p != null) {
      p.answer(EtcdStore.parse(after, Reply.class));
    }
  }

  @Override
  public void serve(Handler h) {
    served.serve(h);
    cluster.serve(h);
  }

  @Override
  public boolean leads(String device) {
    MasterRecord m = cluster.master(device);
    return m != null && m.member().equals(me);
  }

  @Override
  public boolean clustered() {
    return true;
  }

  void close() {
    sweeper.shutdownNow();
    workers.shutdownNow();
  }
}
