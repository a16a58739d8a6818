package net.vdn.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.store.etcd.Etcd.Entry;
import net.vdn.controller.store.etcd.Etcd.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key space under a prefix as this controller sees it: every key, read once and then kept
 * current by one watch whose events are applied in revision order on one thread, where listeners
 * hear them; this connection's own writes readable as soon as etcd has them, before the watch
 * brings them back; a broken watch made good by reading everything again.
 */
final class EtcdCache {
  private static final Logger log = LoggerFactory.getLogger(EtcdCache.class);

  private final Client client;
  private final String prefix;
  private final EtcdCalls calls;
  private final NavigableMap<String, Entry> cache = new ConcurrentSkipListMap<>();
  private final List<Map.Entry<String, Listener>> listeners = new CopyOnWriteArrayList<>();

  /**
   * This connection's committed writes that the watch has not brought back yet (a delete as an
   * entry without a value): reads see them at once, so a writer does not wait for its own echo.
   */
  private final Map<String, Entry> unapplied = new ConcurrentHashMap<>();

  /** Key prefixes of which the cache keeps only the last (highest) keys, and how many. */
  private final Map<String, Integer> bounds = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Object applied = new Object();
  private final ScheduledExecutorService watchThread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("vdn-etcd-watch").factory());
  private volatile long revision;
  private volatile long ownLatest;
  private volatile Watch.Watcher watcher;
  private volatile boolean closed;

  EtcdCache(Client client, String prefix, EtcdCalls calls) {
    this.client = client;
    this.prefix = prefix;
    this.calls = calls;
  }

  /** Reads every key and starts following changes; a store that cannot be reached fails. */
  void start() {
    long at = load();
    follow(at + 1);
  }

  /**
   * Listens to changes of keys under {@code keyPrefix} (relative), on the watch's thread; first
   * hears every key the cache holds now, as if each had just been put (on the caller's thread). A
   * listener must not wait on etcd: it hands work to a thread of its own.
   */
  void addListener(String keyPrefix, Listener listener) {
    synchronized (applied) {
      listeners.add(Map.entry(keyPrefix, listener));
      // What the watch has applied only: this connection's newer writes come through the watch.
      for (Entry e :
          List.copyOf(cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).values())) {
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
  void bound(String keyPrefix, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a bound of at least one key, got " + max);
    }
    synchronized (applied) {
      bounds.put(keyPrefix, max);
      counts.put(
          keyPrefix,
          new AtomicInteger(cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).size()));
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

  int cached(String keyPrefix) {
    awaitRevision(ownLatest);
    return cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE).size();
  }

  long revision() {
    return revision;
  }

  long latest() {
    return Math.max(revision, ownLatest);
  }

  Entry get(String key) {
    Entry mine = unapplied.get(key);
    if (mine != null) {
      return mine.value() == null ? null : mine;
    }
    return cache.get(key);
  }

  List<Entry> range(String keyPrefix) {
    // This connection's own writes first, the cache after, as get does: the watch puts a write in
    // the cache before it leaves the unapplied ones, so a write on its way from one to the other
    // is found in one of them (the other order could miss it in both).
    List<Entry> own = new ArrayList<>();
    for (Entry mine : unapplied.values()) {
      if (mine.key().startsWith(keyPrefix)) {
        own.add(mine);
      }
    }
    var under = cache.subMap(keyPrefix, keyPrefix + Character.MAX_VALUE);
    if (own.isEmpty()) {
      return new ArrayList<>(under.values());
    }
    NavigableMap<String, Entry> out = new TreeMap<>(under);
    for (Entry mine : own) {
      if (mine.value() == null) {
        out.remove(mine.key());
      } else {
        out.put(mine.key(), mine);
      }
    }
    return new ArrayList<>(out.values());
  }

  void remember(long rev, List<Etcd.Write> writes) {
    synchronized (applied) {
      if (rev <= revision) {
        return;
      }
      ownLatest = Math.max(ownLatest, rev);
      for (Etcd.Write w : writes) {
        unapplied.put(w.key(), new Entry(w.key(), w.value(), rev, 0, w.lease()));
      }
    }
  }

  private void caughtUp() {
    if (!unapplied.isEmpty()) {
      unapplied.values().removeIf(e -> e.modRevision() <= revision);
    }
  }

  void awaitChange(long seen, Duration max) {
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

  void awaitRevision(long rev) {
    long begin = System.nanoTime();
    long deadline = begin + calls.timeout().toNanos();
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
              calls.describe()
                  + ": changes are not coming back through the watch (at revision "
                  + revision
                  + ", waiting for "
                  + rev
                  + ")");
        }
        try {
          // A revision made under another prefix (or a delete of nothing) brings no event here:
          // ask etcd to tell the watch where it is.
          if (calls.timeout().toNanos() - left > 50_000_000L) {
            client.getWatchClient().requestProgress();
          }
          applied.wait(Math.max(1, Math.min(50, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StoreUnavailableException("interrupted waiting for " + calls.describe());
        }
      }
    }
  }

  private long load() {
    GetResponse r =
        calls.call(
            client
                .getKVClient()
                .get(Etcd.bytes(prefix), GetOption.builder().isPrefix(true).build()),
            "read");
    long at = r.getHeader().getRevision();
    Map<String, Entry> fresh = new HashMap<>();
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
                Etcd.bytes(prefix),
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
                          calls.describe(),
                          t.toString());
                      watchThread.schedule(EtcdCache.this::resync, 200, TimeUnit.MILLISECONDS);
                    }
                  }

                  @Override
                  public void onCompleted() {}
                });
  }

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
      log.info("{}: following changes again from revision {}", calls.describe(), revision);
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

  void close() {
    closed = true;
    Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    watchThread.shutdownNow();
  }
}
