package net.vdn.controller.rig;

import net.vdn.emulation.linux.Bmv2Switches;
import net.vdn.emulation.linux.LinuxRig;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.pipeconf.SlicingPipeline;

/** The rig's scenarios on BMv2 ({@code simple_switch_grpc}). */
class Bmv2ScenariosTest extends RigScenarios {
  @Override
  protected String unavailable() {
    return Bmv2Switches.unavailable();
  }

  @Override
  protected RigSwitches start(LinuxRig rig) throws Exception {
    return Bmv2Switches.start(rig, SlicingPipeline.config().deviceConfig());
  }
}
