package net.vdn.controller.rig;

import net.vdn.emulation.linux.LinuxRig;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.emulation.linux.Softswitches;

/** The rig's scenarios on softswitches bound to the same kind of interfaces. */
class SoftswitchScenariosTest extends RigScenarios {
  @Override
  protected String unavailable() {
    return null;
  }

  @Override
  protected RigSwitches start(LinuxRig rig) throws Exception {
    return Softswitches.start(rig);
  }
}
