package net.vdn.ptf.softswitch;

import java.util.function.Consumer;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.ReceivedFrame;
import net.vdn.softswitch.p4rt.SoftswitchDevice;

/** A softswitch in this JVM: P4Runtime on loopback, frames in and out through its port API. */
public final class SoftswitchDataplane implements DataplaneTarget {
  private static final int CPU_PORT = 255;
  private final SoftswitchDevice device = new SoftswitchDevice(1, CPU_PORT);
  private final int port;

  public SoftswitchDataplane() throws Exception {
    port = device.serve("127.0.0.1", 0);
  }

  @Override
  public String p4runtimeAddress() {
    return "127.0.0.1:" + port;
  }

  @Override
  public long deviceId() {
    return 1;
  }

  @Override
  public int cpuPort() {
    return CPU_PORT;
  }

  @Override
  public void receive(Consumer<ReceivedFrame> sink) {
    device.onEgress((egressPort, frame) -> sink.accept(new ReceivedFrame(egressPort, frame)));
  }

  @Override
  public void send(int ingressPort, byte[] frame) {
    device.receive(ingressPort, frame);
  }

  @Override
  public void close() {
    device.close();
  }
}
