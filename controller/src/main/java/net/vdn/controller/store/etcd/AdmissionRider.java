package net.vdn.controller.store.etcd;

import java.util.List;
import java.util.function.Supplier;

/**
 * Writes that go with a slice's admission, in its transaction, when the store admits through etcd:
 * the requests to the other masters of the slice's devices, which then start programming as soon as
 * the slice is admitted instead of one commit later. Bound on the thread that admits, for one
 * slice; the etcd store takes it at most once, for that slice's admission, and says whether the
 * writes were committed with it ({@link #sent()}) or might have been (the admission's outcome is
 * not known: {@link #unsure()}). When the admission wrote nothing (the slice already held what it
 * asked), the writes were not sent and the caller sends them itself.
 */
public final class AdmissionRider {
  private static final ScopedValue<AdmissionRider> CURRENT = ScopedValue.newInstance();

  private final String slice;
  private final List<Etcd.Write> writes;
  private volatile boolean taken;
  private volatile boolean sent;
  private volatile boolean unsure;

  public AdmissionRider(String slice, List<Etcd.Write> writes) {
    this.slice = slice;
    this.writes = List.copyOf(writes);
  }

  /** Runs an admission with this rider bound on the calling thread. */
  public <T> T carry(Supplier<T> admission) {
    return ScopedValue.where(CURRENT, this).call(admission::get);
  }

  /** The rider of this slice's admission on this thread, once. */
  static AdmissionRider take(String slice) {
    if (!CURRENT.isBound()) {
      return null;
    }
    AdmissionRider r = CURRENT.get();
    synchronized (r) {
      if (r.taken || !r.slice.equals(slice)) {
        return null;
      }
      r.taken = true;
    }
    return r;
  }

  List<Etcd.Write> writes() {
    return writes;
  }

  void committed() {
    sent = true;
  }

  void outcomeUnknown() {
    unsure = true;
  }

  /** The writes were committed with the admission. */
  public boolean sent() {
    return sent;
  }

  /** The admission's outcome is not known, so the writes may have been committed with it. */
  public boolean unsure() {
    return unsure;
  }
}
