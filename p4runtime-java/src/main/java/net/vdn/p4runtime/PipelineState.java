package net.vdn.p4runtime;

import net.vdn.p4runtime.proto.config.v1.P4Info;

/**
 * The pipeline a target reports; each part is null when the request did not ask for it or the
 * target has none.
 */
public record PipelineState(P4Info p4info, byte[] deviceConfig, Long cookie) {
  /** No pipeline is set on the target. */
  public static final PipelineState NONE = new PipelineState(null, null, null);

  public boolean isSet() {
    return p4info != null || cookie != null || (deviceConfig != null && deviceConfig.length > 0);
  }
}
