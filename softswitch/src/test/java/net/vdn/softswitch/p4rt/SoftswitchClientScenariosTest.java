package net.vdn.softswitch.p4rt;

import net.vdn.p4runtime.it.ClientScenarios;
import net.vdn.p4runtime.it.TargetUnderTest;

/** The P4Runtime client's scenarios, the same ones BMv2 runs, against the softswitch. */
class SoftswitchClientScenariosTest extends ClientScenarios {
  @Override
  protected TargetUnderTest startTarget() throws Exception {
    return new SoftswitchTarget();
  }
}
