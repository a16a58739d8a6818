package net.vdn.p4runtime.it;

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

  @Override
  void close();
}
