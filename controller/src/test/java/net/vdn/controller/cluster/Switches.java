package net.vdn.controller.cluster;

import java.util.Set;
import java.util.TreeSet;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.pipeconf.SlicingNames;

/** What the switches hold, read by the test itself (as a backup below every controller). */
final class Switches {
  private Switches() {}

  /** The slice ids a switch classifies traffic into. */
  static Set<Integer> classified(EmulatedNetwork net, String device) {
    var s = net.topology().switchNamed(device);
    try (P4RuntimeClient c =
        P4RuntimeClient.connect(
            ClientOptions.builder(net.p4runtimeAddress(device)).deviceId(s.deviceId()).build())) {
      c.fetchP4Info();
      Set<Integer> out = new TreeSet<>();
      for (TableEntry e : c.readTable(SlicingNames.CLASSIFIER)) {
        if (e.action() instanceof ActionCall a && a.params().containsKey("slice_id")) {
          out.add((int) a.params().get("slice_id").toLong());
        }
      }
      return out;
    }
  }
}
