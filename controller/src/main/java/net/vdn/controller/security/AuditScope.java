package net.vdn.controller.security;

import java.util.Optional;

/**
 * The audit record of the change a request is making on this thread, offered to a store that can
 * keep it in the same transaction as the change itself: the change and its record then become
 * durable together, with one write less. The REST layer binds it around a change's handler, with
 * the record the change gets when it succeeds; a store takes it at most once. After the handler the
 * REST layer writes the record itself when no store kept it, and also when the answer turned out
 * other than the one kept (both records then stand, under the same request id).
 */
public final class AuditScope {
  private static final ScopedValue<AuditScope> CURRENT = ScopedValue.newInstance();

  private final AuditRecord ifKept;
  private AuditRecord taken;
  private volatile boolean kept;

  /**
   * @param ifKept the record of the change as it stands when the change succeeds
   */
  public AuditScope(AuditRecord ifKept) {
    this.ifKept = ifKept;
  }

  /** Runs a change with this scope bound on the calling thread. */
  public <X extends Throwable> void run(ScopedValue.CallableOp<Void, X> change) throws X {
    ScopedValue.where(CURRENT, this).call(change);
  }

  /**
   * The scope of the change being made on this thread, when its record has not been taken yet; the
   * caller writes {@link #record()} with the change and calls {@link #kept()} once both are
   * durable.
   */
  public static Optional<AuditScope> take() {
    if (!CURRENT.isBound()) {
      return Optional.empty();
    }
    AuditScope s = CURRENT.get();
    synchronized (s) {
      if (s.taken != null) {
        return Optional.empty();
      }
      AuditRecord r = s.ifKept;
      // Dated when the change is written, just before it is answered.
      s.taken =
          new AuditRecord(
              java.time.Instant.now().toString(),
              r.requestId(),
              r.who(),
              r.tenant(),
              r.role(),
              r.action(),
              r.target(),
              r.status(),
              r.outcome(),
              r.message());
    }
    return Optional.of(s);
  }

  /** The record to keep with the change. */
  public synchronized AuditRecord record() {
    return taken != null ? taken : ifKept;
  }

  /** The record is durable, with the change. */
  public void kept() {
    kept = true;
  }

  /** Whether a store kept the record with the change. */
  public boolean isKept() {
    return kept;
  }
}
