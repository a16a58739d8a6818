package net.vdn.controller.provider.openflow;

import java.util.List;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.device.SliceDevice;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.openflow.OpenFlowException;
import net.vdn.openflow.slice.OpenFlowDevice;
import net.vdn.pipeconf.rule.SliceRule;

/** The slice service's view of an OpenFlow switch. */
record OpenFlowSliceDevice(OpenFlowDevice device) implements SliceDevice {
  @Override
  public String name() {
    return device.name();
  }

  @Override
  public void install(List<SliceRule> rules) {
    try {
      device.install(rules);
    } catch (OpenFlowException e) {
      throw new DeviceRefusedException(
          "OpenFlow switch " + name() + " refused: " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(List<SliceRule> rules) {
    try {
      device.remove(rules);
    } catch (OpenFlowException e) {
      throw new DeviceRefusedException(
          "OpenFlow switch " + name() + " refused: " + e.getMessage(), e);
    }
  }

  @Override
  public SliceCounters counters(int sliceId) {
    try {
      var c = device.counters(sliceId);
      return new SliceCounters(c.packets(), c.bytes(), 0, 0, c.droppedPackets(), c.droppedBytes());
    } catch (OpenFlowException e) {
      throw new DeviceUnavailableException(
          "OpenFlow switch " + name() + ": counters unavailable: " + e.getMessage());
    }
  }
}
