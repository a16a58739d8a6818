package net.vdn.p4runtime.internal;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4RuntimeClient.PipelineAction;
import net.vdn.p4runtime.P4RuntimeClient.PipelineParts;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.PipelineState;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding pipeline: SetForwardingPipelineConfig with every action, GetForwardingPipeline
 * Config with every response type, a push only when the cookie differs, and the P4Info that names
 * are resolved against after each commit.
 */
public final class Pipelines {
  private static final Logger log = LoggerFactory.getLogger(Pipelines.class);

  private final Connection connection;
  private final StreamSession stream;
  private volatile PipelineConfig savedPipeline;

  public Pipelines(Connection connection, StreamSession stream) {
    this.connection = connection;
    this.stream = stream;
  }

  public void set(PipelineConfig config, PipelineAction action) {
    stream.requirePrimary("set the pipeline");
    var req =
        SetForwardingPipelineConfigRequest.newBuilder()
            .setDeviceId(connection.options().deviceId())
            .setRole(connection.options().role())
            .setElectionId(stream.electionId().toProto())
            .setAction(SetForwardingPipelineConfigRequest.Action.valueOf(action.name()));
    if (config != null) {
      req.setConfig(
          ForwardingPipelineConfig.newBuilder()
              .setP4Info(config.p4info())
              .setP4DeviceConfig(ByteString.copyFrom(config.deviceConfig()))
              .setCookie(ForwardingPipelineConfig.Cookie.newBuilder().setCookie(config.cookie())));
    } else if (action != PipelineAction.COMMIT) {
      throw new InvalidEntityException(action + " needs a pipeline config");
    }
    try {
      connection.blocking().setForwardingPipelineConfig(req.build());
    } catch (StatusRuntimeException e) {
      throw connection.rpcError("SetForwardingPipelineConfig " + action, e);
    }
    switch (action) {
      case VERIFY_AND_SAVE -> savedPipeline = config;
      case VERIFY_AND_COMMIT, RECONCILE_AND_COMMIT ->
          connection.useP4Info(P4InfoIndex.of(config.p4info()));
      case COMMIT -> {
        PipelineConfig committed = config != null ? config : savedPipeline;
        if (committed != null) {
          connection.useP4Info(P4InfoIndex.of(committed.p4info()));
        }
      }
      case VERIFY -> {}
    }
    log.info("{}: pipeline {} ({})", connection.device(), action, config);
  }

  public PipelineState get(PipelineParts parts) {
    try {
      var config =
          connection
              .blocking()
              .getForwardingPipelineConfig(
                  GetForwardingPipelineConfigRequest.newBuilder()
                      .setDeviceId(connection.options().deviceId())
                      .setResponseType(
                          GetForwardingPipelineConfigRequest.ResponseType.valueOf(parts.name()))
                      .build())
              .getConfig();
      return new PipelineState(
          config.hasP4Info() ? config.getP4Info() : null,
          config.getP4DeviceConfig().isEmpty() ? null : config.getP4DeviceConfig().toByteArray(),
          config.hasCookie() ? config.getCookie().getCookie() : null);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.FAILED_PRECONDITION || code == Status.Code.NOT_FOUND) {
        return PipelineState.NONE;
      }
      throw connection.rpcError("GetForwardingPipelineConfig", e);
    }
  }

  /** Pushes the config (VERIFY_AND_COMMIT) only when the target's cookie differs. */
  public boolean ensure(PipelineConfig config) {
    PipelineState current = get(PipelineParts.COOKIE_ONLY);
    if (current.cookie() != null && current.cookie() == config.cookie()) {
      connection.useP4Info(P4InfoIndex.of(config.p4info()));
      log.debug(
          "{}: pipeline cookie {} already set",
          connection.device(),
          Long.toHexString(config.cookie()));
      return false;
    }
    set(config, PipelineAction.VERIFY_AND_COMMIT);
    return true;
  }

  /** Reads the target's P4Info and resolves names against it from now on. */
  public P4InfoIndex fetchP4Info() {
    PipelineState state = get(PipelineParts.P4INFO_AND_COOKIE);
    if (state.p4info() == null) {
      throw new P4RuntimeException(connection.device() + " has no pipeline");
    }
    P4InfoIndex index = P4InfoIndex.of(state.p4info());
    connection.useP4Info(index);
    return index;
  }
}
