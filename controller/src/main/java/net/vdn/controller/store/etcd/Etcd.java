package net.vdn.controller.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.vdn.controller.error.StoreUnavailableException;

/**
 * One connection to etcd and the key space under a prefix: a cache of every key, kept current by
 * one watch whose events are applied in revision order on one thread (listeners hear them there, in
 * that order); writes and transactions that return once etcd has them, their writes readable here
 * at once, before the watch brings them back (but for {@link #send}, for keys this controller does
 * not read back at once). Every call to etcd has a deadline: past it, or when etcd refuses for want
 * of a quorum, the call fails with {@link StoreUnavailableException}. The cache is {@link
 * EtcdCache}'s, the deadlines and the trouble {@link EtcdCalls}'; this class is their one face.
 */
public final class Etcd implements AutoCloseable {
  /**
   * A key as the cache holds it. {@code key} is relative to the prefix; {@code version} is 0 for a
   * write of this connection the watch has not brought back yet.
   */
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
  private final Client client;
  private final EtcdCalls calls;
  private final EtcdCache cache;

  /**
   * Connects (lazily: nothing is asked of etcd until {@link #start}).
   *
   * @param endpoints etcd client URLs, e.g. {@code http://127.0.0.1:2379}
   * @param prefix the key space, e.g. {@code /vdn/}
   * @param timeout the deadline of every call to etcd
   */
  public Etcd(List<String> endpoints, String prefix, Duration timeout) {
    this.prefix = prefix.endsWith("/") ? prefix : prefix + "/";
    this.calls = new EtcdCalls(endpoints, timeout);
    this.client =
        Client.builder()
            .endpoints(endpoints.toArray(String[]::new))
            .connectTimeout(timeout)
            .keepaliveTime(Duration.ofSeconds(5))
            .keepaliveTimeout(timeout)
            .waitForReady(false)
            .build();
    this.cache = new EtcdCache(client, this.prefix, calls);
  }

  /** Reads every key and starts following changes; a store that cannot be reached fails. */
  public void start() {
    cache.start();
  }

  /**
   * Listens to changes of keys under {@code keyPrefix} (relative), on the watch's thread; first
   * hears every key the cache holds now, as if each had just been put (on the caller's thread). A
   * listener must not wait on etcd: it hands work to a thread of its own.
   */
  public void addListener(String keyPrefix, Listener listener) {
    cache.addListener(keyPrefix, listener);
  }

  /**
   * Keeps only the {@code max} highest keys under a (relative) prefix in the cache — for keys that
   * only grow, such as the audit log's, which sort by time. Older keys stay in etcd; the cache (and
   * {@link #range}) no longer holds them, and listeners hear nothing of their leaving it.
   */
  public void bound(String keyPrefix, int max) {
    cache.bound(keyPrefix, max);
  }

  /** How many keys the cache holds under a (relative) prefix, this connection's writes applied. */
  public int cached(String keyPrefix) {
    return cache.cached(keyPrefix);
  }

  public Client client() {
    return client;
  }

  public Duration timeout() {
    return calls.timeout();
  }

  public String describe() {
    return calls.describe();
  }

  /** Why the store is not reachable now, or null when the last call went through. */
  public String trouble() {
    return calls.trouble();
  }

  /** How many calls to etcd went through, and the time they took in all (nanoseconds). */
  public long calls() {
    return calls.calls();
  }

  public long callNanos() {
    return calls.callNanos();
  }

  /** Records a call made without {@link #call} (the heartbeat's). */
  public void record(long nanos, String failure) {
    calls.record(nanos, failure);
  }

  /** Waits for a call to etcd within the deadline; any failure is the store being unavailable. */
  public <T> T call(CompletableFuture<T> f, String what) {
    return calls.call(f, what);
  }

  /** The revision the cache has applied. */
  public long revision() {
    return cache.revision();
  }

  /** The latest revision known here: the cache's, or this connection's last write if later. */
  public long latest() {
    return cache.latest();
  }

  /** A key (relative), this connection's own writes included, or null. */
  public Entry get(String key) {
    return cache.get(key);
  }

  /** Every key under a (relative) prefix, in key order. */
  public List<Entry> range(String keyPrefix) {
    return cache.range(keyPrefix);
  }

  /** Waits a little for the cache to apply another change (after a transaction that lost). */
  public void awaitChange(long seen, Duration max) {
    cache.awaitChange(seen, max);
  }

  /** Waits until the cache has applied {@code rev} (bounded by the deadline). */
  public void awaitRevision(long rev) {
    cache.awaitRevision(rev);
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
      cache.remember(r.getHeader().getRevision(), writes);
    }
    return r.isSucceeded();
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

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public void close() {
    cache.close();
    client.close();
  }
}
