package net.vdn.p4runtime.it;

import io.grpc.Status;
import java.util.Map;
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

  /**
   * BMv2 1.15.5 answers a read of one absent table entry, action profile member or group with an
   * empty read, and of a direct counter of an absent entry with INVALID_ARGUMENT; it answers
   * NOT_FOUND for multicast groups and clone sessions, as the specification has it (NOTES.md).
   */
  @Override
  protected Map<String, Status.Code> absentReadDivergences() {
    return Map.of(
        "table entry", Status.Code.OK,
        "action profile member", Status.Code.OK,
        "action profile group", Status.Code.OK,
        "direct counter entry", Status.Code.INVALID_ARGUMENT);
  }

  /** BMv2 1.15.5 refuses a meter config with CIR above PIR, but as UNKNOWN (NOTES.md). */
  @Override
  protected Status.Code cirAbovePirRefusal() {
    return Status.Code.UNKNOWN;
  }
}
