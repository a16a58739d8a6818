package net.vdn.controller.store.etcd;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import net.vdn.controller.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls made to etcd: each within the deadline, any failure (past it, or etcd refusing for want
 * of a quorum) made a {@link StoreUnavailableException} and remembered as the store's trouble; how
 * many went through and how long they took.
 */
final class EtcdCalls {
  private static final Logger log = LoggerFactory.getLogger(EtcdCalls.class);

  private final List<String> endpoints;
  private final Duration timeout;
  private final LongAdder calls = new LongAdder();
  private final LongAdder callNanos = new LongAdder();
  private volatile String trouble;

  EtcdCalls(List<String> endpoints, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  String describe() {
    return "etcd at " + String.join(",", endpoints);
  }

  /** Why the store is not reachable now, or null when the last call went through. */
  String trouble() {
    return trouble;
  }

  long calls() {
    return calls.sum();
  }

  long callNanos() {
    return callNanos.sum();
  }

  <T> T call(CompletableFuture<T> f, String what) {
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

  void record(long nanos, String failure) {
    if (failure == null) {
      calls.increment();
      callNanos.add(nanos);
      trouble = null;
    } else {
      trouble = failure;
    }
  }
}
