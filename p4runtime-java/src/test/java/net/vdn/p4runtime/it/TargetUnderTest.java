package net.vdn.p4runtime.it;

import java.time.Duration;

/** A running P4Runtime target that a scenario suite drives. */
public interface TargetUnderTest extends AutoCloseable {
  /** gRPC target string ("host:port" or "unix:///path"). */
  String grpcTarget();

  long deviceId();

  /**
   * Whether data-plane ports 1 and 2 are wired back to back, so a packet sent out of one comes in
   * on the other. Packet I/O scenarios need it.
   */
  boolean hasLoopedPorts();

  /** Why packet I/O scenarios cannot run on this target, when they cannot. */
  String whyNoPorts();

  /**
   * Stops the target, leaves it down for {@code down}, starts it again on the same address with no
   * pipeline, and returns as soon as it accepts connections. Targets that cannot be restarted throw
   * {@link UnsupportedOperationException}, and the scenarios that need it are skipped.
   */
  default void restart(Duration down) throws Exception {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot be restarted on the same address");
  }

  @Override
  void close();
}
