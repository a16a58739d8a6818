package net.vdn.softswitch.p4rt;

import java.time.Duration;
import net.vdn.p4runtime.it.TargetUnderTest;

/**
 * A softswitch in this JVM serving P4Runtime on loopback, with ports 1 and 2 wired together. A
 * restart closes the switch and starts a new one, with no pipeline, on the same address.
 */
final class SoftswitchTarget implements TargetUnderTest {
  private volatile SoftswitchDevice device;
  private final int port;

  SoftswitchTarget() throws Exception {
    device = newDevice();
    port = device.serve("127.0.0.1", 0);
  }

  private SoftswitchDevice newDevice() {
    SoftswitchDevice d = new SoftswitchDevice(1, 255);
    d.onEgress(
        (egressPort, frame) -> {
          if (egressPort == 1) {
            d.receive(2, frame);
          } else if (egressPort == 2) {
            d.receive(1, frame);
          }
        });
    return d;
  }

  @Override
  public void restart(Duration down) throws Exception {
    device.close();
    Thread.sleep(down.toMillis());
    SoftswitchDevice next = newDevice();
    next.serve("127.0.0.1", port);
    device = next;
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
