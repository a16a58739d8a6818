package net.vdn.emulation.linux;

import java.util.HashMap;
import java.util.Map;
import net.vdn.softswitch.p4rt.SoftswitchDevice;

/**
 * Softswitches in this JVM, each bound to the rig's interfaces through packet sockets ({@code
 * bindInterface}, as {@code --interface PORT@IFNAME} does), P4Runtime on loopback, the CPU port
 * 255.
 */
public final class Softswitches implements RigSwitches {
  private final LinuxRig rig;
  private final Map<Integer, SoftswitchDevice> devices = new HashMap<>();
  private final Map<Integer, Integer> ports = new HashMap<>();

  private Softswitches(LinuxRig rig) {
    this.rig = rig;
  }

  public static Softswitches start(LinuxRig rig) throws Exception {
    Softswitches s = new Softswitches(rig);
    try {
      for (int sw = 1; sw <= rig.topology().switches(); sw++) {
        s.launch(sw, 0);
      }
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void launch(int sw, int port) throws Exception {
    SoftswitchDevice d = new SoftswitchDevice(1, 255);
    for (int p : rig.topology().ports(sw)) {
      d.bindInterface(p, rig.ifname(sw, p));
    }
    ports.put(sw, d.serve("127.0.0.1", port));
    devices.put(sw, d);
  }

  @Override
  public String kind() {
    return "softswitch";
  }

  @Override
  public String address(int sw) {
    return "127.0.0.1:" + ports.get(sw);
  }

  @Override
  public long restart(int sw) throws Exception {
    devices.remove(sw).close();
    launch(sw, ports.get(sw));
    return RigSwitches.awaitListening(address(sw), 10_000_000_000L);
  }

  @Override
  public void close() {
    devices.values().forEach(SoftswitchDevice::close);
    devices.clear();
  }
}
