package net.vdn.p4runtime;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.internal.EntityCodec;
import net.vdn.p4runtime.internal.ReadQueries;
import net.vdn.p4runtime.proto.v1.CapabilitiesRequest;
import net.vdn.p4runtime.proto.v1.DigestListAck;
import net.vdn.p4runtime.proto.v1.ForwardingPipelineConfig;
import net.vdn.p4runtime.proto.v1.GetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.P4RuntimeGrpc;
import net.vdn.p4runtime.proto.v1.ReadRequest;
import net.vdn.p4runtime.proto.v1.ReadResponse;
import net.vdn.p4runtime.proto.v1.SetForwardingPipelineConfigRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageRequest;
import net.vdn.p4runtime.proto.v1.StreamMessageResponse;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one P4Runtime target (one device id and role). Entities, packets and pipelines
 * are named as in the P4 program; everything is checked against P4Info before it is sent.
 *
 * <pre>{@code
 * try (var sw = P4RuntimeClient.connect(ClientOptions.builder("localhost:9559").build())) {
 *   sw.awaitPrimary(Duration.ofSeconds(5));
 *   sw.ensurePipeline(PipelineConfig.load(p4info, bmv2Json));
 *   sw.insert(TableEntry.in("slice_fwd_l2").exact("slice_id", 7)...build());
 * }
 * }</pre>
 */
public final class P4RuntimeClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(P4RuntimeClient.class);

  private final ClientOptions options;
  private final ManagedChannel channel;
  private final P4RuntimeGrpc.P4RuntimeBlockingStub blocking;
  private final StreamSession stream;
  private final String apiVersion;
  private final EventStream<PacketIn> packetIns;
  private final EventStream<DigestMessage> digests;
  private final EventStream<IdleTimeout> idleTimeouts;
  private final EventStream<String> streamErrors;
  private volatile EntityCodec codec;
  private volatile PipelineConfig savedPipeline;

  private P4RuntimeClient(ClientOptions options, ManagedChannel channel, String apiVersion) {
    this.options = options;
    this.channel = channel;
    this.apiVersion = apiVersion;
    this.blocking = P4RuntimeGrpc.newBlockingStub(channel);
    int cap = options.eventQueueCapacity();
    this.packetIns = new EventStream<>("packet-in", cap);
    this.digests = new EventStream<>("digest", cap);
    this.idleTimeouts = new EventStream<>("idle-timeout", cap);
    this.streamErrors = new EventStream<>("stream-error", cap);
    this.stream = new StreamSession(P4RuntimeGrpc.newStub(channel), options, this::onStreamMessage);
  }

  /**
   * Connects, asks the target for its capabilities, opens the stream channel and waits for the
   * first arbitration answer. Whether this client is primary is then known ({@link #isPrimary}).
   */
  public static P4RuntimeClient connect(ClientOptions options) {
    ManagedChannel channel =
        Grpc.newChannelBuilder(options.target(), credentials(options))
            .maxInboundMessageSize(options.maxInboundMessageBytes())
            .maxInboundMetadataSize(options.maxInboundMetadataBytes())
            .build();
    P4RuntimeClient client = null;
    try {
      String version = capabilities(channel, options);
      client = new P4RuntimeClient(options, channel, version);
      client.stream.open();
      client.stream.awaitAnswer(options.rpcTimeout());
      return client;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(client, channel);
      throw new TargetException("interrupted while connecting", Status.Code.CANCELLED, e);
    } catch (RuntimeException e) {
      closeQuietly(client, channel);
      throw e;
    }
  }

  private static void closeQuietly(P4RuntimeClient client, ManagedChannel channel) {
    if (client != null) {
      client.close();
    } else {
      channel.shutdownNow();
    }
  }

  private static ChannelCredentials credentials(ClientOptions o) {
    if (!o.tls()) {
      return InsecureChannelCredentials.create();
    }
    try {
      var tls = TlsChannelCredentials.newBuilder().trustManager(o.trustCertificates().toFile());
      if (o.clientCertificate() != null) {
        tls.keyManager(o.clientCertificate().toFile(), o.clientKey().toFile());
      }
      return tls.build();
    } catch (IOException e) {
      throw new P4RuntimeException("cannot read TLS certificates: " + e.getMessage(), e);
    }
  }

  private static String capabilities(ManagedChannel channel, ClientOptions o) {
    try {
      return P4RuntimeGrpc.newBlockingStub(channel)
          .withDeadlineAfter(o.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .capabilities(CapabilitiesRequest.newBuilder().setDeviceId(o.deviceId()).build())
          .getP4RuntimeApiVersion();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return "1.0.0";
      }
      throw targetError("Capabilities", o, e);
    }
  }

  // ------------------------------------------------------------------ arbitration

  public boolean isPrimary() {
    return stream.isPrimary();
  }

  /** Waits until this client is primary; false when the timeout passed first. */
  public boolean awaitPrimary(Duration timeout) {
    try {
      return stream.awaitPrimary(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Receives became-primary, became-backup and primary-lost events on a dedicated thread. */
  public void onMastership(Consumer<MastershipEvent> listener) {
    stream.addListener(listener);
  }

  public ElectionId electionId() {
    return stream.electionId();
  }

  /** The P4Runtime API version the target reported in its capabilities. */
  public String apiVersion() {
    return apiVersion;
  }

  public ClientOptions options() {
    return options;
  }

  private void requirePrimary(String what) {
    if (!stream.isPrimary()) {
      throw new NotPrimaryException(
          "device "
              + options.deviceId()
              + ": cannot "
              + what
              + ": this client (election id "
              + stream.electionId()
              + ", role '"
              + options.role()
              + "') is not primary"
              + (stream.highestSeen().compareTo(stream.electionId()) > 0
                  ? "; the primary holds election id " + stream.highestSeen()
                  : ""));
    }
  }

  // ------------------------------------------------------------------ pipeline

  /** What SetForwardingPipelineConfig should do. */
  public enum PipelineAction {
    VERIFY,
    VERIFY_AND_SAVE,
    VERIFY_AND_COMMIT,
    COMMIT,
    RECONCILE_AND_COMMIT
  }

  /** Which parts of the pipeline GetForwardingPipelineConfig returns. */
  public enum PipelineParts {
    ALL,
    COOKIE_ONLY,
    P4INFO_AND_COOKIE,
    DEVICE_CONFIG_AND_COOKIE
  }

  /**
   * Sends SetForwardingPipelineConfig. After a commit, names are resolved against the new P4Info.
   * For {@link PipelineAction#COMMIT} the config may be null (the saved one is committed).
   */
  public void setPipeline(PipelineConfig config, PipelineAction action) {
    requirePrimary("set the pipeline");
    var req =
        SetForwardingPipelineConfigRequest.newBuilder()
            .setDeviceId(options.deviceId())
            .setRole(options.role())
            .setElectionId(stream.electionId().toProto())
            .setAction(SetForwardingPipelineConfigRequest.Action.valueOf(action.name()));
    if (config != null) {
      req.setConfig(
          ForwardingPipelineConfig.newBuilder()
              .setP4Info(config.p4info())
              .setP4DeviceConfig(com.google.protobuf.ByteString.copyFrom(config.deviceConfig()))
              .setCookie(ForwardingPipelineConfig.Cookie.newBuilder().setCookie(config.cookie())));
    } else if (action != PipelineAction.COMMIT) {
      throw new InvalidEntityException(action + " needs a pipeline config");
    }
    try {
      blocking().setForwardingPipelineConfig(req.build());
    } catch (StatusRuntimeException e) {
      throw rpcError("SetForwardingPipelineConfig " + action, e);
    }
    switch (action) {
      case VERIFY_AND_SAVE -> savedPipeline = config;
      case VERIFY_AND_COMMIT, RECONCILE_AND_COMMIT -> useP4Info(P4InfoIndex.of(config.p4info()));
      case COMMIT -> {
        PipelineConfig committed = config != null ? config : savedPipeline;
        if (committed != null) {
          useP4Info(P4InfoIndex.of(committed.p4info()));
        }
      }
      case VERIFY -> {}
    }
    log.info("device {}: pipeline {} ({})", options.deviceId(), action, config);
  }

  /** Asks the target for its pipeline; {@link PipelineState#NONE} when it has none. */
  public PipelineState getPipeline(PipelineParts parts) {
    try {
      var config =
          blocking()
              .getForwardingPipelineConfig(
                  GetForwardingPipelineConfigRequest.newBuilder()
                      .setDeviceId(options.deviceId())
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
      throw rpcError("GetForwardingPipelineConfig", e);
    }
  }

  /**
   * Makes sure the target runs this pipeline: reads the target's cookie and pushes the config
   * (VERIFY_AND_COMMIT) only when it differs. Returns whether it pushed.
   */
  public boolean ensurePipeline(PipelineConfig config) {
    PipelineState current = getPipeline(PipelineParts.COOKIE_ONLY);
    if (current.cookie() != null && current.cookie() == config.cookie()) {
      useP4Info(P4InfoIndex.of(config.p4info()));
      log.debug(
          "device {}: pipeline cookie {} already set",
          options.deviceId(),
          Long.toHexString(config.cookie()));
      return false;
    }
    setPipeline(config, PipelineAction.VERIFY_AND_COMMIT);
    return true;
  }

  /** Resolves names against this P4Info from now on (for a pipeline someone else pushed). */
  public void useP4Info(P4InfoIndex index) {
    this.codec = new EntityCodec(index, legacyReplicaPorts(apiVersion));
  }

  /** Reads the target's P4Info and resolves names against it from now on. */
  public P4InfoIndex fetchP4Info() {
    PipelineState state = getPipeline(PipelineParts.P4INFO_AND_COOKIE);
    if (state.p4info() == null) {
      throw new P4RuntimeException("device " + options.deviceId() + " has no pipeline");
    }
    P4InfoIndex index = P4InfoIndex.of(state.p4info());
    useP4Info(index);
    return index;
  }

  /** The P4Info names are resolved against. */
  public P4InfoIndex p4info() {
    return entityCodec().index();
  }

  /** The entities of the P4Info in force: canonical forms and updates encoded for this target. */
  public Entities codec() {
    return Entities.of(entityCodec());
  }

  private EntityCodec entityCodec() {
    EntityCodec c = codec;
    if (c == null) {
      throw new P4RuntimeException(
          "device "
              + options.deviceId()
              + ": no P4Info yet: push a pipeline, or call useP4Info or fetchP4Info");
    }
    return c;
  }

  /** Targets before P4Runtime 1.4 take replica ports in the 32-bit egress_port field. */
  static boolean legacyReplicaPorts(String version) {
    String[] parts = version.split("\\.");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major < 1 || (major == 1 && minor < 4);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ write

  /** How the target treats a batch in which an update fails. */
  public enum Atomicity {
    CONTINUE_ON_ERROR,
    ROLLBACK_ON_ERROR,
    DATAPLANE_ATOMIC
  }

  /**
   * Sends a batch. Every update is validated first; if one is invalid, nothing is sent. Returns one
   * result per update; the target's refusals are results, not exceptions.
   */
  public WriteResult write(List<Update> updates, Atomicity atomicity) {
    EntityCodec c = entityCodec();
    var req =
        WriteRequest.newBuilder()
            .setDeviceId(options.deviceId())
            .setRole(options.role())
            .setAtomicity(WriteRequest.Atomicity.valueOf(atomicity.name()));
    for (int i = 0; i < updates.size(); i++) {
      req.addUpdates(c.update(i, updates.get(i)));
    }
    requirePrimary("write");
    req.setElectionId(stream.electionId().toProto());
    return send(req.build(), updates);
  }

  /** Sends a pre-built request as is (for benchmarks and tools); returns the per-update results. */
  public WriteResult writeRaw(WriteRequest request) {
    List<Update> none = new ArrayList<>();
    for (int i = 0; i < request.getUpdatesCount(); i++) {
      none.add(null);
    }
    return send(request, none);
  }

  private WriteResult send(WriteRequest request, List<Update> updates) {
    List<UpdateResult> results = new ArrayList<>(updates.size());
    try {
      blocking().write(request);
      for (int i = 0; i < updates.size(); i++) {
        results.add(new UpdateResult(i, updates.get(i), Status.Code.OK, "", "", 0));
      }
      return new WriteResult(results);
    } catch (StatusRuntimeException e) {
      com.google.rpc.Status details = StatusProto.fromThrowable(e);
      if (details == null || details.getDetailsCount() != updates.size()) {
        throw rpcError("Write", e);
      }
      for (int i = 0; i < updates.size(); i++) {
        results.add(updateResult(i, updates.get(i), details.getDetails(i)));
      }
      return new WriteResult(results);
    }
  }

  private static UpdateResult updateResult(int i, Update update, Any detail) {
    try {
      var err = detail.unpack(net.vdn.p4runtime.proto.v1.Error.class);
      return new UpdateResult(
          i,
          update,
          Status.fromCodeValue(err.getCanonicalCode()).getCode(),
          err.getMessage(),
          err.getSpace(),
          err.getCode());
    } catch (InvalidProtocolBufferException e) {
      return new UpdateResult(
          i, update, Status.Code.UNKNOWN, "undecodable error detail " + detail.getTypeUrl(), "", 0);
    }
  }

  /** Starts a batch of updates. */
  public Batch batch() {
    return new Batch(this);
  }

  /** Inserts the entities in one batch; throws {@link WriteException} if any is refused. */
  public void insert(Entity... entities) {
    batch().insert(entities).sendOrThrow();
  }

  public void modify(Entity... entities) {
    batch().modify(entities).sendOrThrow();
  }

  public void delete(Entity... entities) {
    batch().delete(entities).sendOrThrow();
  }

  // ------------------------------------------------------------------ read

  /** Reads every entity matching the queries, decoded and normalized. */
  public List<Entity> read(ReadQuery... queries) {
    EntityCodec c = entityCodec();
    var req = ReadRequest.newBuilder().setDeviceId(options.deviceId()).setRole(options.role());
    for (ReadQuery q : queries) {
      req.addEntities(ReadQueries.encode(q, c));
    }
    List<Entity> out = new ArrayList<>();
    try {
      Iterator<ReadResponse> it = blocking().read(req.build());
      while (it.hasNext()) {
        for (var e : it.next().getEntitiesList()) {
          out.add(c.decode(e));
        }
      }
    } catch (StatusRuntimeException e) {
      throw rpcError("Read", e);
    }
    return out;
  }

  /** Every entry of a table (or of every table when the name is null). */
  public List<TableEntry> readTable(String table) {
    List<TableEntry> out = new ArrayList<>();
    for (Entity e : read(table == null ? ReadQuery.allTables() : ReadQuery.table(table))) {
      out.add((TableEntry) e);
    }
    return out;
  }

  // ------------------------------------------------------------------ packet I/O and events

  /** Sends a packet-out; metadata by name as in the program's packet_out header. */
  public void sendPacket(byte[] payload, Map<String, Value> metadata) {
    var packet = StreamCodec.packetOut(entityCodec().index(), payload, metadata);
    requirePrimary("send a packet-out");
    stream.send(StreamMessageRequest.newBuilder().setPacket(packet).build());
  }

  /** Acknowledges a digest list so the target may send the same data again. */
  public void ackDigest(DigestMessage digest) {
    stream.send(
        StreamMessageRequest.newBuilder()
            .setDigestAck(
                DigestListAck.newBuilder()
                    .setDigestId(digest.digestId())
                    .setListId(digest.listId()))
            .build());
  }

  public EventStream<PacketIn> packetIns() {
    return packetIns;
  }

  public EventStream<DigestMessage> digests() {
    return digests;
  }

  public EventStream<IdleTimeout> idleTimeouts() {
    return idleTimeouts;
  }

  /** Errors the target reported on the stream (for example a refused packet-out). */
  public EventStream<String> streamErrors() {
    return streamErrors;
  }

  private void onStreamMessage(StreamMessageResponse m) {
    EntityCodec c = codec;
    P4InfoIndex index = c == null ? null : c.index();
    try {
      switch (m.getUpdateCase()) {
        case PACKET -> packetIns.publish(StreamCodec.packetIn(index, m.getPacket()));
        case DIGEST -> digests.publish(StreamCodec.digest(index, m.getDigest()));
        case IDLE_TIMEOUT_NOTIFICATION -> {
          if (c != null) {
            idleTimeouts.publish(StreamCodec.idleTimeout(c, m.getIdleTimeoutNotification()));
          }
        }
        case ERROR -> {
          var err = m.getError();
          String text =
              Status.fromCodeValue(err.getCanonicalCode()).getCode() + ": " + err.getMessage();
          log.warn("device {}: stream error {}", options.deviceId(), text);
          streamErrors.publish(text);
        }
        default ->
            log.debug(
                "device {}: ignoring stream message {}", options.deviceId(), m.getUpdateCase());
      }
    } catch (RuntimeException e) {
      log.warn(
          "device {}: cannot decode {} from the target: {}",
          options.deviceId(),
          m.getUpdateCase(),
          e.getMessage());
    }
  }

  // ------------------------------------------------------------------ plumbing

  private P4RuntimeGrpc.P4RuntimeBlockingStub blocking() {
    return blocking.withDeadlineAfter(options.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private P4RuntimeException rpcError(String rpc, StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
      return new NotPrimaryException(
          "device "
              + options.deviceId()
              + ": "
              + rpc
              + " refused: "
              + StreamSession.describe(e.getStatus()));
    }
    return targetError(rpc, options, e);
  }

  private static TargetException targetError(
      String rpc, ClientOptions o, StatusRuntimeException e) {
    return new TargetException(
        "device "
            + o.deviceId()
            + " at "
            + o.target()
            + ": "
            + rpc
            + " failed: "
            + StreamSession.describe(e.getStatus()),
        e.getStatus().getCode(),
        e);
  }

  /** Closes the stream and the channel and stops every thread the client started. */
  @Override
  public void close() {
    stream.close();
    packetIns.close();
    digests.close();
    idleTimeouts.close();
    streamErrors.close();
    channel.shutdown();
    try {
      if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
