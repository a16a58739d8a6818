package net.vdn.ptf;

import java.util.function.Consumer;

/**
 * A running P4Runtime switch and the way frames enter and leave its data ports. The packet tests
 * are written against this interface only, so the same suite runs on every target.
 */
public interface DataplaneTarget extends AutoCloseable {
  /** Starts a fresh target; suites take one of these to run on several targets. */
  @FunctionalInterface
  interface Factory {
    DataplaneTarget start() throws Exception;
  }

  /** The P4Runtime gRPC address ("host:port" or "unix:///path"). */
  String p4runtimeAddress();

  long deviceId();

  /** The port whose frames are packet-ins and packet-outs. */
  int cpuPort();

  /**
   * Delivers every frame the switch transmits on a data port to {@code sink}, from any thread.
   * Called once, before the first {@link #send}.
   */
  void receive(Consumer<ReceivedFrame> sink);

  /** Injects a frame into a data port, as if it had arrived on it. */
  void send(int port, byte[] frame);

  @Override
  void close();
}
