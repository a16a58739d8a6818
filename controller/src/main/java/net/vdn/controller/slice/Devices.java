package net.vdn.controller.slice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.DeviceManager;
import net.vdn.controller.device.Reconciler;
import net.vdn.controller.openflow.OpenFlowDevices;
import net.vdn.pipeconf.rule.SliceRule;

/** P4Runtime devices and OpenFlow switches behind one directory for the slice service. */
public final class Devices implements DeviceDirectory {
  private final DeviceManager p4;
  private final OpenFlowDevices openflow;

  /**
   * @param openflow the OpenFlow switches, or null when the controller listens for none
   */
  public Devices(DeviceManager p4, OpenFlowDevices openflow) {
    this.p4 = p4;
    this.openflow = openflow;
  }

  private boolean isOpenFlow(String device) {
    return openflow != null && openflow.owns(device);
  }

  @Override
  public SliceDevice handle(String device) {
    return isOpenFlow(device) ? openflow.handle(device) : p4.handle(device);
  }

  @Override
  public boolean knows(String device) {
    return isOpenFlow(device) ? openflow.get(device) != null : p4.knows(device);
  }

  @Override
  public void expect(String device, List<SliceRule> rules) {
    if (isOpenFlow(device)) {
      openflow.expect(device, rules);
    } else {
      p4.expect(device, rules);
    }
  }

  @Override
  public Map<String, Reconciler.Report> reconcileAll() {
    Map<String, Reconciler.Report> out = new LinkedHashMap<>(p4.reconcileAll());
    if (openflow != null) {
      out.putAll(openflow.reconcileAll());
    }
    return out;
  }
}
