package net.vdn.p4runtime.it;

import net.vdn.testsupport.RequiresBinary;

/** The client scenarios against BMv2's simple_switch_grpc, when it is installed. */
@RequiresBinary(
    value = Bmv2Target.BINARY,
    howToGet = "install BMv2 with P4Runtime (PI) support to run these scenarios on BMv2")
class Bmv2ClientScenariosTest extends ClientScenarios {
  @Override
  protected TargetUnderTest startTarget() throws Exception {
    return Bmv2Target.start();
  }

  /** BMv2 1.15.5 answers RECONCILE_AND_COMMIT with an error (see NOTES.md). */
  @Override
  protected boolean supportsReconcile() {
    return false;
  }

  /** BMv2 1.15.5 answers register reads and writes with UNIMPLEMENTED (see NOTES.md). */
  @Override
  protected boolean supportsRegisters() {
    return false;
  }
}
