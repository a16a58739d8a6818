package net.vdn.controller.cluster.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import net.vdn.controller.cluster.impl.RemoteProgramming.Failure;
import net.vdn.controller.cluster.impl.RemoteProgramming.Reply;
import net.vdn.controller.cluster.impl.RemoteProgramming.Request;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.slice.spi.Masters.Handler;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.EtcdStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other members' requests to this one ({@code requests/ME/ID}, see {@link RemoteProgramming}):
 * each moves this member's devices of the request, all at once, with the handler it serves with,
 * and answers ({@code replies/ORIGIN/ID/ME}: what each device refused). A device is refused when
 * this member does not master it at the term the asker expects.
 */
final class ServedRequests {
  private static final Logger log = LoggerFactory.getLogger(ServedRequests.class);

  private final ClusterManager cluster;
  private final Etcd etcd;
  private final String me;
  private final ExecutorService workers;
  private volatile Handler handler;
  private volatile long startedAt;

  ServedRequests(ClusterManager cluster, ExecutorService workers) {
    this.cluster = cluster;
    this.etcd = cluster.etcd();
    this.me = cluster.self();
    this.workers = workers;
  }

  /** Starts answering the requests made from now on. */
  void start() {
    startedAt = etcd.revision();
    etcd.addListener("requests/" + me + "/", (k, before, after, rev) -> requested(before, after));
  }

  /** Serves the requests with this handler (from now on). */
  void serve(Handler h) {
    this.handler = h;
  }

  private void requested(Etcd.Entry before, Etcd.Entry after) {
    if (after == null || before != null || after.modRevision() <= startedAt) {
      return;
    }
    Request r = EtcdStore.parse(after, Request.class);
    workers.execute(() -> serve(r));
  }

  /** Moves this member's devices of a request, all at once, and answers. */
  private void serve(Request r) {
    long begin = System.nanoTime();
    Map<String, Failure> failures = new ConcurrentHashMap<>();
    Handler h = handler;
    List<CompletableFuture<Void>> moves = new ArrayList<>();
    r.devices()
        .forEach(
            (d, term) ->
                moves.add(
                    CompletableFuture.runAsync(
                        () -> {
                          Failure f = move(h, d, term, r);
                          if (f != null) {
                            failures.put(d, f);
                          }
                        },
                        workers)));
    moves.forEach(CompletableFuture::join);
    try {
      etcd.send(
          List.of(
              Etcd.Write.put(
                  "replies/" + r.from() + "/" + r.id() + "/" + me,
                  EtcdStore.json(new Reply(me, failures)),
                  cluster.lease())));
    } catch (RuntimeException e) {
      log.warn("request {} from {}: answer not written: {}", r.id(), r.from(), e.getMessage());
    }
    log.debug(
        "request {} from {}: slice {} on {} in {} µs ({} refused)",
        r.id(),
        r.from(),
        r.slice(),
        r.devices().keySet(),
        (System.nanoTime() - begin) / 1000,
        failures.size());
  }

  private Failure move(Handler h, String device, long term, Request r) {
    long deadline = System.nanoTime() + cluster.config().requestTimeout().toNanos() / 2;
    var role = cluster.role(device);
    // The asker may have seen this member's new term before this member acted on it: wait for it.
    while (role.term() < term && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      role = cluster.role(device);
    }
    if (h == null || !role.master() || role.term() != term) {
      return new Failure(
          "unavailable",
          "controller "
              + me
              + " does not master device "
              + device
              + " at term "
              + term
              + " (its term there is "
              + role.term()
              + (role.master() ? "" : ", as backup")
              + "); try again");
    }
    while (true) {
      try {
        h.move(device, r.before(), r.after());
        return null;
      } catch (DeviceUnavailableException e) {
        // A master that has just taken the device over is reconciling it: wait for it, a while.
        if (System.nanoTime() > deadline || !cluster.mastersHere(device)) {
          return new Failure("unavailable", e.getMessage());
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
          return new Failure("unavailable", "interrupted");
        }
      } catch (RuntimeException e) {
        return new Failure("refused", e.getMessage());
      }
    }
  }
}
