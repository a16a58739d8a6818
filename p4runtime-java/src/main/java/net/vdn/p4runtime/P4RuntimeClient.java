package net.vdn.p4runtime;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.internal.Connection;
import net.vdn.p4runtime.internal.PacketSender;
import net.vdn.p4runtime.internal.Pipelines;
import net.vdn.p4runtime.internal.Reads;
import net.vdn.p4runtime.internal.StreamEvents;
import net.vdn.p4runtime.internal.StreamSession;
import net.vdn.p4runtime.internal.Writes;
import net.vdn.p4runtime.proto.v1.WriteRequest;

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
  private final Connection connection;
  private final StreamSession stream;
  private final Pipelines pipelines;
  private final Writes writes;
  private final Reads reads;
  private final PacketSender packets;
  private final EventStream<PacketIn> packetIns;
  private final EventStream<DigestMessage> digests;
  private final EventStream<IdleTimeout> idleTimeouts;
  private final EventStream<String> streamErrors;

  private P4RuntimeClient(Connection connection) {
    this.connection = connection;
    int cap = connection.options().eventQueueCapacity();
    String name = connection.options().name();
    this.packetIns = new EventStream<>(name, "packet-in", cap);
    this.digests = new EventStream<>(name, "digest", cap);
    this.idleTimeouts = new EventStream<>(name, "idle-timeout", cap);
    this.streamErrors = new EventStream<>(name, "stream-error", cap);
    var events =
        new StreamEvents(
            connection,
            packetIns::publish,
            digests::publish,
            idleTimeouts::publish,
            streamErrors::publish);
    this.stream = new StreamSession(connection, events::onMessage);
    this.pipelines = new Pipelines(connection, stream);
    this.writes = new Writes(connection, stream);
    this.reads = new Reads(connection);
    this.packets = new PacketSender(connection, stream);
  }

  /**
   * Connects, asks the target for its capabilities, opens the stream channel and waits for the
   * first arbitration answer. Whether this client is primary is then known ({@link #isPrimary}).
   */
  public static P4RuntimeClient connect(ClientOptions options) {
    P4RuntimeClient client = new P4RuntimeClient(Connection.open(options));
    try {
      client.stream.open();
      client.stream.awaitAnswer(options.rpcTimeout());
      return client;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new TargetException(
          "device " + options.name() + ": interrupted while connecting", Status.Code.CANCELLED, e);
    } catch (RuntimeException e) {
      client.close();
      throw e;
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

  /**
   * Claims primary again with another election id on the open stream, without reconnecting, and
   * waits for the target's answer: true when this client is primary under the new id. A client that
   * was already primary and stays so hears no new event.
   */
  public boolean reelect(ElectionId id, Duration timeout) {
    try {
      return stream.reelect(id, timeout);
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

  /** The primary's election id as the target last reported it (null before its first answer). */
  public ElectionId primaryElectionId() {
    return stream.lastReported();
  }

  /** The P4Runtime API version the target reported in its capabilities. */
  public String apiVersion() {
    return connection.apiVersion();
  }

  public ClientOptions options() {
    return connection.options();
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
    pipelines.set(config, action);
  }

  /** Asks the target for its pipeline; {@link PipelineState#NONE} when it has none. */
  public PipelineState getPipeline(PipelineParts parts) {
    return pipelines.get(parts);
  }

  /**
   * Makes sure the target runs this pipeline: reads the target's cookie and pushes the config
   * (VERIFY_AND_COMMIT) only when it differs. Returns whether it pushed.
   */
  public boolean ensurePipeline(PipelineConfig config) {
    return pipelines.ensure(config);
  }

  /** Resolves names against this P4Info from now on (for a pipeline someone else pushed). */
  public void useP4Info(P4InfoIndex index) {
    connection.useP4Info(index);
  }

  /** Reads the target's P4Info and resolves names against it from now on. */
  public P4InfoIndex fetchP4Info() {
    return pipelines.fetchP4Info();
  }

  /** The P4Info names are resolved against. */
  public P4InfoIndex p4info() {
    return connection.codec().index();
  }

  /** The entities of the P4Info in force: canonical forms and updates encoded for this target. */
  public Entities codec() {
    return Entities.of(connection.codec());
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
    return writes.write(updates, atomicity);
  }

  /** Sends a pre-built request as is (for benchmarks and tools); returns the per-update results. */
  public WriteResult writeRaw(WriteRequest request) {
    return writes.writeRaw(request);
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
    return reads.read(queries);
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
    packets.sendPacket(payload, metadata);
  }

  /** Acknowledges a digest list so the target may send the same data again. */
  public void ackDigest(DigestMessage digest) {
    packets.ackDigest(digest);
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

  /** Closes the stream and the channel and stops every thread the client started. */
  @Override
  public void close() {
    stream.close();
    packetIns.close();
    digests.close();
    idleTimeouts.close();
    streamErrors.close();
    connection.close();
  }
}
