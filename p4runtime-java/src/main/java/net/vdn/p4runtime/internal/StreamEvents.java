package net.vdn.p4runtime.internal;

import io.grpc.Status;
import java.util.function.Consumer;
import net.vdn.p4runtime.DigestMessage;
import net.vdn.p4runtime.IdleTimeout;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's stream messages other than arbitration: packet-ins, digests, idle-timeout
 * notifications and errors, decoded by name and handed on. Runs on gRPC's threads, so the consumers
 * must not block; what cannot be decoded is logged and dropped.
 */
public final class StreamEvents {
  private static final Logger log = LoggerFactory.getLogger(StreamEvents.class);

  private final Connection connection;
  private final Consumer<PacketIn> packetIns;
  private final Consumer<DigestMessage> digests;
  private final Consumer<IdleTimeout> idleTimeouts;
  private final Consumer<String> errors;

  public StreamEvents(
      Connection connection,
      Consumer<PacketIn> packetIns,
      Consumer<DigestMessage> digests,
      Consumer<IdleTimeout> idleTimeouts,
      Consumer<String> errors) {
    this.connection = connection;
    this.packetIns = packetIns;
    this.digests = digests;
    this.idleTimeouts = idleTimeouts;
    this.errors = errors;
  }

  public void onMessage(StreamMessageResponse m) {
    EntityCodec c = connection.codecOrNull();
    P4InfoIndex index = c == null ? null : c.index();
    try {
      switch (m.getUpdateCase()) {
        case PACKET -> packetIns.accept(StreamCodec.packetIn(index, m.getPacket()));
        case DIGEST -> digests.accept(StreamCodec.digest(index, m.getDigest()));
        case IDLE_TIMEOUT_NOTIFICATION -> {
          if (c != null) {
            idleTimeouts.accept(StreamCodec.idleTimeout(c, m.getIdleTimeoutNotification()));
          }
        }
        case ERROR -> {
          var err = m.getError();
          String text =
              Status.fromCodeValue(err.getCanonicalCode()).getCode() + ": " + err.getMessage();
          log.warn("{}: stream error {}", connection.device(), text);
          errors.accept(text);
        }
        default ->
            log.debug("{}: ignoring stream message {}", connection.device(), m.getUpdateCase());
      }
    } catch (RuntimeException e) {
      log.warn(
          "{}: cannot decode {} from the target: {}",
          connection.device(),
          m.getUpdateCase(),
          e.getMessage());
    }
  }
}
