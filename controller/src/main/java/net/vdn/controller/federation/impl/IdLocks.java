package net.vdn.controller.federation.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per reservation id, held while a verb on that reservation runs, calls to other domains
 * included: a retry of the same request waits for the first and then gets its answer, while verbs
 * on other reservations, and other domains' calls back into this one, go on. A lock lives while
 * some thread uses it.
 */
final class IdLocks {
  private record Entry(ReentrantLock lock, int users) {}

  private final Map<String, Entry> locks = new HashMap<>();

  /** Runs {@code verb} holding the lock of {@code id}. */
  <T> T on(String id, Supplier<T> verb) {
    ReentrantLock l;
    synchronized (this) {
      Entry e = locks.get(id);
      e = e == null ? new Entry(new ReentrantLock(), 1) : new Entry(e.lock(), e.users() + 1);
      locks.put(id, e);
      l = e.lock();
    }
    l.lock();
    try {
      return verb.get();
    } finally {
      l.unlock();
      synchronized (this) {
        Entry e = locks.get(id);
        if (e.users() == 1) {
          locks.remove(id);
        } else {
          locks.put(id, new Entry(e.lock(), e.users() - 1));
        }
      }
    }
  }

  /** Whether a verb runs on (or waits for) this id now. */
  synchronized boolean busy(String id) {
    return locks.containsKey(id);
  }
}
