package net.vdn.softswitch.p4rt;

import net.vdn.p4runtime.it.TargetUnderTest;

/** A softswitch in this JVM serving P4Runtime on loopback, with ports 1 and 2 wired together. */
final class SoftswitchTarget implements TargetUnderTest {
  private final SoftswitchDevice device = new SoftswitchDevice(1, 255);
  private final int port;

  SoftswitchTarget() throws Exception {
    device.onEgress(
        (egressPort, frame) -> {
          if (egressPort == 1) {
            device.receive(2, frame);
          } else if (egressPort == 2) {
            device.receive(1, frame);
          }
        });
    port = device.serve("127.0.0.1", 0);
  }

  @Override
  public String grpcTarget() {
    return "127.0.0.1:" + port;
  }

  @Override
  public long deviceId() {
    return 1;
  }

  @Override
  public boolean hasLoopedPorts() {
    return true;
  }

  @Override
  public String whyNoPorts() {
    return null;
  }

  @Override
  public void close() {
    device.close();
  }
}
