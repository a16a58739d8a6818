package net.vdn.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.vdn.controller.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to etcd and the key space under a prefix: a cache of every key, kept current by
 * one watch whose events are applied in revision order on one thread (listeners hear them there, in
 * that order); writes and transactions that return once etcd has them, their writes readable here
 * at once, before the watch brings them back (but for {@link #send}, for keys this controller does
 * not read back at once). Every call to etcd has a deadline: past it, or when etcd refuses for want
 * of a quorum, the call fails with {@link StoreUnavailableException}.
 */
public final class Etcd implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Etcd.class);

  /** A key as the cache holds it. {@code key} is relative to the prefix. */
  public record Entry(String key, byte[] value, long modRevision, long version, long lease) {
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /**
   * A change applied to the cache: {@code after} null for a delete, {@code before} for a new key.
   */
  public interface Listener {
    void changed(String key, Entry before, Entry after, long revision);
  }

  /** A compare of a transaction: the key's mod revision (0: absent) must be {@code modRevision}. */
  public record Guard(String key, long modRevision) {}

  /** A write of a transaction: a put (value not null, lease 0 for none) or a delete. */
  public record Write(String key, byte[] value, long lease) {
    public static Write put(String key, String value) {
      return new Write(key, value.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static Write put(String key, String value, long lease) {
      return new Write(key, value.getBytes(StandardCharsets.UTF_8), lease);
    }

    public static Write delete(String key) {
      return new Write(key, null, 0);
    }
  }

  private final String prefix;
  private final List<String> endpoints;
  private final Duration timeout;
  private final Client client;
  private final NavigableMap<String, Entry> cache = new ConcurrentSkipListMap<>();
  private final List<Map.Entry<String, Listener>> listeners = new CopyOnWriteArrayList<>();

  /**
   * This connection's committed writes that the watch has not brought back yet (a delete as an
   * entry without a value): reads see them at once, so a writer does not wait for its own echo.
   */
  private final Map<String, Entry> unapplied = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile long ownLatest;

  /** Key prefixes of which the cache keeps only the last (highest) keys, and how many. */
  private final Map<String, Integer> bounds = new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, java.util.concurrent.atomic.AtomicInteger> counts =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Object applied = new Object();
  private final ScheduledExecutorService watchThread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-etcd-watch").factory());
  private final java.util.concurrent.atomic.LongAdder calls =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder callNanos =
      new java.util.concurrent.atomic.LongAdder();
  private volatile long revision;
  private volatile Watch.Watcher watcher;
  private volatile boolean closed;
  private volatile String trouble;

  /**
   * Connects (lazily: nothing is asked of etcd until {@link #start}).
   *
   * @param endpoints etcd client URLs, e.g. {@code http://127.0.0.1:2379}
   * @param prefix the key space, e.g. {@code /vdn/}
   * @param timeout the deadline of every call to etcd
   */
  public Etcd(List<String> endpoints, String prefix, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    this.timeout = timeout;
    this.client =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(timeout)
            .keepaliveTime(Duration.ofSeconds(5))
            .keepaliveTimeout(timeout)
            .waitForReady(false)
            .build();
  }

  /** Reads every key and starts following changes; a store that cannot be reached fails. */
  public void start() {
    long at = load();
    follow(at + 1);
  }

  /**
   * Listens to changes of keys under {@code keyPrefix} (relative), on the watch's thread; first
   * hears every key the cache holds now, as if each had just been put (on the caller's thread). A
   * listener must not wait on etcd: it hands work to a thread of its own.
   */
  public void addListener(String keyPrefix, Listener listener) {
    synchronized (applied) {
      listeners.add(Map.entry(keyPrefix, listener));
      for (Entry e : range(keyPrefix)) {
        try {
          listener.changed(e.key(), null, e, revision);
        } catch (RuntimeException x) {
          log.warn("etcd listener failed on {}: {}", e.key(), x.toString(), x);
        }
      }
    }
  }

  /**
   * Keeps only the {@code max} highest keys under a (relative) prefix in the cache — for keys that
   * only grow, such as the audit log's, which sort by time. Older keys stay in etcd; the cache (and
   * {@link #range}) no longer holds them, and listeners hear nothing of their leaving it.
   */
  public void bound(String keyPrefix, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a bound of at least one key, got " + max);
    }
    synchronized (applied) {
      bounds.put(keyPrefix, max);
      counts.put(
          keyPrefix,
          new java.util.concurrent.atomic.AtomicInteger(
              cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).size()));
      trim(keyPrefix);
    }
  }

  private Entry cache(Entry e) {
    Entry before = cache.put(e.key(), e);
    if (before == null && !bounds.isEmpty()) {
      for (var b : counts.entrySet()) {
        if (e.key().startsWith(b.getKey())) {
          b.getValue().incrementAndGet();
          trim(b.getKey());
        }
      }
    }
    return before;
  }

  private Entry uncache(String key) {
    Entry before = cache.remove(key);
    if (before != null && !bounds.isEmpty()) {
      counts.forEach(
          (prefix, n) -> {
            if (key.startsWith(prefix)) {
              n.decrementAndGet();
            }
          });
    }
    return before;
  }

  private void trim(String keyPrefix) {
    var n = counts.get(keyPrefix);
    var under = cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE);
    while (n.get() > bounds.get(keyPrefix) && !under.isEmpty()) {
      under.remove(under.firstKey());
      n.decrementAndGet();
    }
  }

  /** How many keys the cache holds under a (relative) prefix, this connection's writes applied. */
  public int cached(String keyPrefix) {
    awaitRevision(ownLatest);
    return cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).size();
  }

  public Client client() {
    return client;
  }

  public Duration timeout() {
    return timeout;
  }

  public String describe() {
    return "etcd at " + String.join(",", endpoints);
  }

  /** Why the store is not reachable now, or null when the last call went through. */
  public String trouble() {
    return trouble;
  }

  /** How many calls to etcd went through, and the time they took in all (nanoseconds). */
  public long calls() {
    return calls.sum();
  }

  public long callNanos() {
    return callNanos.sum();
  }

  /** Records a call made without {@link #call} (the heartbeat's). */
  public void record(long nanos, String failure) {
    if (failure == null) {
      calls.increment();
      callNanos.add(nanos);
      trouble = null;
    } else {
      trouble = failure;
    }
  }

  /** The revision the cache has applied. */
  public long revision() {
    return revision;
  }

  /** The latest revision known here: the cache's, or this connection's last write if later. */
  public long latest() {
    return Math.max(revision, ownLatest);
  }

  public Entry get(String key) {
    Entry mine = unapplied.get(key);
    if (mine != null) {
      return mine.value() == null ? null : mine;
    }
    return cache.get(key);
  }

  /** Every key under a (relative) prefix, in key order. */
  public List<Entry> range(String keyPrefix) {
    var under = cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE);
    if (unapplied.isEmpty()) {
      return new ArrayList<>(under.values());
    }
    NavigableMap<String, Entry> out = new java.util.TreeMap<>(under);
    for (Entry mine : unapplied.values()) {
      if (mine.key().startsWith(keyPrefix)) {
        if (mine.value() == null) {
          out.remove(mine.key());
        } else {
          out.put(mine.key(), mine);
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  public void put(String key, String value) {
    commit(List.of(), List.of(Write.put(key, value)));
  }

  /** Puts a key that lives as long as a lease. */
  public void put(String key, String value, long lease) {
    commit(List.of(), List.of(Write.put(key, value, lease)));
  }

  public void delete(String key) {
    commit(List.of(), List.of(Write.delete(key)));
  }

  /**
   * Applies every write if every guard holds, in one transaction; returns whether it did, once etcd
   * has it (durable). Reads here see the writes at once, before the watch brings them back; the
   * listeners hear of them from the watch, in revision order, as of every other change.
   */
  public boolean commit(List<Guard> guards, List<Write> writes) {
    TxnResponse r = txn(guards, writes);
    if (r.isSucceeded()) {
      remember(r.getHeader().getRevision(), writes);
    }
    return r.isSucceeded();
  }

  private void remember(long rev, List<Write> writes) {
    synchronized (applied) {
      if (rev <= revision) {
        return;
      }
      ownLatest = Math.max(ownLatest, rev);
      for (Write w : writes) {
        unapplied.put(w.key(), new Entry(w.key(), w.value(), rev, 0, w.lease()));
      }
    }
  }

  /** Forgets the own writes the cache now holds (under the lock on {@code applied}). */
  private void caughtUp() {
    if (!unapplied.isEmpty()) {
      unapplied.values().removeIf(e -> e.modRevision() <= revision);
    }
  }

  /**
   * Applies writes in one transaction and returns its revision once etcd has it (durable), without
   * waiting for the cache to apply it: for keys this controller does not read back at once
   * (requests and answers to other members, audit records). {@link #awaitRevision} with the
   * revision returned makes them readable here.
   */
  public long send(List<Write> writes) {
    return txn(List.of(), writes).getHeader().getRevision();
  }

  private TxnResponse txn(List<Guard> guards, List<Write> writes) {
    var txn = client.getKVClient().txn();
    Cmp[] cmps =
        guards.stream()
            .map(
                g ->
                    new Cmp(
                        bytes(prefix + g.key()),
                        Cmp.Op.EQUAL,
                        CmpTarget.modRevision(g.modRevision())))
            .toArray(Cmp[]::new);
    Op[] ops =
        writes.stream()
            .map(
                w ->
                    w.value() == null
                        ? (Op) Op.delete(bytes(prefix + w.key()), DeleteOption.DEFAULT)
                        : Op.put(
                            bytes(prefix + w.key()),
                            ByteSequence.from(w.value()),
                            w.lease() == 0
                                ? PutOption.DEFAULT
                                : PutOption.builder().withLeaseId(w.lease()).build()))
            .toArray(Op[]::new);
    return call(
        txn.If(cmps).Then(ops).commit(),
        guards.isEmpty()
            ? "write (" + writes.size() + " keys)"
            : "transaction (" + guards.size() + " compares, " + writes.size() + " writes)");
  }

  /** Waits a little for the cache to apply another change (after a transaction that lost). */
  public void awaitChange(long seen, Duration max) {
    synchronized (applied) {
      if (revision == seen) {
        try {
          applied.wait(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Waits until the cache has applied {@code rev} (bounded by the deadline). */
  public void awaitRevision(long rev) {
    long begin = System.nanoTime();
    long deadline = begin + timeout.toNanos();
    if (revision < rev) {
      awaitApplied(rev, deadline);
      log.debug(
          "etcd revision {} applied here after {} µs", rev, (System.nanoTime() - begin) / 1000);
    }
  }

  private void awaitApplied(long rev, long deadline) {
    synchronized (applied) {
      while (revision < rev) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          throw new StoreUnavailableException(
              describe()
                  + ": changes are not coming back through the watch (at revision "
                  + revision
                  + ", waiting for "
                  + rev
                  + ")");
        }
        try {
          // A revision made under another prefix (or a delete of nothing) brings no event here:
          // ask etcd to tell the watch where it is.
          if (timeout.toNanos() - left > 50_000_000L) {
            client.getWatchClient().requestProgress();
          }
          applied.wait(Math.max(1, Math.min(50, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException("interrupted waiting for " + describe());
        }
      }
    }
  }

  /** Waits for a call to etcd within the deadline; any failure is the store being unavailable. */
  public <T> T call(CompletableFuture<T> f, String what) {
    long begin = System.nanoTime();
    try {
      T t = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      trouble = null;
      long took = System.nanoTime() - begin;
      calls.increment();
      callNanos.add(took);
      log.debug("etcd {}: {} µs", what, took / 1000);
      return t;
    } catch (TimeoutException e) {
      f.cancel(true);
      trouble = what + " not answered within " + timeout.toMillis() + " ms (no quorum?)";
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      trouble = what + " failed: " + (c == null ? e : c.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      trouble = what + " interrupted";
    }
    throw new StoreUnavailableException(
        "the cluster's store ("
            + describe()
            + ") is unavailable: "
            + trouble
            + "; nothing changed");
  }

  private long load() {
    GetResponse r =
        call(
            client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
            "read");
    long at = r.getHeader().getRevision();
    Map<String, Entry> fresh = new java.util.HashMap<>();
    for (KeyValue kv : r.getKvs()) {
      Entry e = entry(kv);
      fresh.put(e.key(), e);
    }
    synchronized (applied) {
      for (String gone : new ArrayList<>(cache.keySet())) {
        if (!fresh.containsKey(gone)) {
          Entry before = uncache(gone);
          fire(gone, before, null, at);
        }
      }
      for (Entry e : fresh.values()) {
        Entry before = cache(e);
        if (before == null || before.modRevision() != e.modRevision()) {
          fire(e.key(), before, e, at);
        }
      }
      revision = Math.max(revision, at);
      caughtUp();
      applied.notifyAll();
    }
    return at;
  }

  private void follow(long from) {
    WatchOption o =
        WatchOption.builder().isPrefix(true).withRevision(from).withProgressNotify(true).build();
    watcher =
        client
            .getWatchClient()
            .watch(
                bytes(prefix),
                o,
                new Watch.Listener() {
                  @Override
                  public void onNext(WatchResponse r) {
                    watchThread.execute(() -> apply(r));
                  }

                  @Override
                  public void onError(Throwable t) {
                    if (!closed) {
                      log.warn(
                          "{}: watch broke ({}); reading the store again",
                          describe(),
                          t.toString());
                      watchThread.schedule(Etcd.this::resync, 200, TimeUnit.MILLISECONDS);
                    }
                  }

                  @Override
                  public void onCompleted() {}
                });
  }

  /** After a broken watch: reads every key again, tells listeners what changed, follows again. */
  private void resync() {
    if (closed) {
      return;
    }
    Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    try {
      follow(load() + 1);
      log.info("{}: following changes again from revision {}", describe(), revision);
    } catch (RuntimeException e) {
      watchThread.schedule(this::resync, 500, TimeUnit.MILLISECONDS);
    }
  }

  private void apply(WatchResponse r) {
    long rev = r.getHeader().getRevision();
    synchronized (applied) {
      for (WatchEvent ev : r.getEvents()) {
        KeyValue kv = ev.getKeyValue();
        String key = relative(kv.getKey());
        long at = kv.getModRevision();
        if (ev.getEventType() == WatchEvent.EventType.DELETE) {
          Entry before = uncache(key);
          if (before != null) {
            fire(key, before, null, at);
          }
        } else if (ev.getEventType() == WatchEvent.EventType.PUT) {
          Entry e = entry(kv);
          Entry before = cache(e);
          fire(key, before, e, at);
        }
      }
      if (rev > revision) {
        revision = rev;
      }
      caughtUp();
      applied.notifyAll();
    }
  }

  private void fire(String key, Entry before, Entry after, long rev) {
    for (var l : listeners) {
      if (key.startsWith(l.getKey())) {
        try {
          l.getValue().changed(key, before, after, rev);
        } catch (RuntimeException e) {
          log.warn("etcd listener failed on {}: {}", key, e.toString(), e);
        }
      }
    }
  }

  private Entry entry(KeyValue kv) {
    return new Entry(
        relative(kv.getKey()),
        kv.getValue().getBytes(),
        kv.getModRevision(),
        kv.getVersion(),
        kv.getLease());
  }

  private String relative(ByteSequence key) {
    String k = key.toString(StandardCharsets.UTF_8);
    return k.substring(prefix.length());
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public void close() {
    closed = true;
    Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    watchThread.shutdownNow();
    client.close();
  }
}
