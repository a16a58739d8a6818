package net.vdn.openflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import net.vdn.openflow.internal.SwitchConnection;
import net.vdn.packet.MacAddress;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsReply;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMeterConfig;
import org.projectfloodlight.openflow.protocol.OFMeterConfigStatsReply;
import org.projectfloodlight.openflow.protocol.OFMeterStats;
import org.projectfloodlight.openflow.protocol.OFMeterStatsReply;
import org.projectfloodlight.openflow.protocol.OFPacketIn;
import org.projectfloodlight.openflow.protocol.OFPortConfig;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortState;
import org.projectfloodlight.openflow.protocol.OFPortStatsEntry;
import org.projectfloodlight.openflow.protocol.OFPortStatsReply;
import org.projectfloodlight.openflow.protocol.OFPortStatus;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected OpenFlow 1.3 switch: its datapath id and ports, packet I/O, statistics, role, and
 * writes confirmed by a barrier. A handle lives as long as its connection; a switch that reconnects
 * gets a new one. Listeners are called on the server's event thread.
 */
public final class OpenFlowSwitch {
  private static final Logger log = LoggerFactory.getLogger(OpenFlowSwitch.class);

  /** OFPM_ALL: every meter. */
  private static final long ALL_METERS = 0xffff_ffffL;

  private final SwitchConnection connection;
  private final long dpid;
  private final Map<Integer, Port> ports = new ConcurrentSkipListMap<>();
  private final List<Consumer<PacketIn>> packetListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<PortEvent>> portListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();
  private volatile Executor events = Runnable::run;

  OpenFlowSwitch(SwitchConnection connection, long dpid, List<OFPortDesc> descs) {
    this.connection = connection;
    this.dpid = dpid;
    for (OFPortDesc d : descs) {
      Port p = port(d);
      if (p != null) {
        ports.put(p.number(), p);
      }
    }
  }

  void events(Executor events) {
    this.events = events;
  }

  // ---------------------------------------------------------------- identity and ports

  public long dpid() {
    return dpid;
  }

  /** The datapath id as "of:" and 16 hex digits, as operators write it. */
  public String id() {
    return String.format("of:%016x", dpid);
  }

  /** Where the switch connected from. */
  public String peer() {
    return connection.peer();
  }

  public boolean isConnected() {
    return connection.isOpen();
  }

  public OFFactory factory() {
    return SwitchConnection.OF13;
  }

  /** The switch's data ports by number (reserved ports such as LOCAL left out). */
  public List<Port> ports() {
    return new ArrayList<>(ports.values());
  }

  public Optional<Port> port(int number) {
    return Optional.ofNullable(ports.get(number));
  }

  // ---------------------------------------------------------------- listeners

  /** Frames the switch sends to the controller; the listener must not block for long. */
  public void onPacketIn(Consumer<PacketIn> listener) {
    packetListeners.add(listener);
  }

  public void onPortStatus(Consumer<PortEvent> listener) {
    portListeners.add(listener);
  }

  public void onDisconnect(Runnable listener) {
    disconnectListeners.add(listener);
  }

  // ---------------------------------------------------------------- packet I/O

  /** Sends a whole frame out of a data port (OFPT_PACKET_OUT, no buffer). */
  public void packetOut(int port, byte[] frame) {
    connection.sendOneWay(
        factory()
            .buildPacketOut()
            .setBufferId(OFBufferId.NO_BUFFER)
            .setInPort(OFPort.CONTROLLER)
            .setActions(List.of(factory().actions().output(OFPort.of(port), 0)))
            .setData(frame)
            .build());
  }

  // ---------------------------------------------------------------- requests

  /** Completes when the switch has processed everything sent before. */
  public CompletableFuture<Void> barrier() {
    return connection.barrier().thenApply(r -> null);
  }

  /**
   * Sends messages that have no reply (flow-mods, group-mods, meter-mods), then a barrier. The
   * result tells for each message whether the switch refused it; it fails only when the switch did
   * not answer or the connection ended.
   */
  public CompletableFuture<WriteResult> write(List<? extends OFMessage> messages) {
    return connection.writeConfirmed(messages);
  }

  /** Asks for a role; the generation id orders MASTER and SLAVE requests from controllers. */
  public CompletableFuture<Role> requestRole(Role role, long generationId) {
    OFControllerRole r =
        switch (role) {
          case MASTER -> OFControllerRole.ROLE_MASTER;
          case SLAVE -> OFControllerRole.ROLE_SLAVE;
          case EQUAL -> OFControllerRole.ROLE_EQUAL;
        };
    return connection
        .request(
            factory().buildRoleRequest().setRole(r).setGenerationId(U64.of(generationId)).build(),
            "ROLE_REQUEST " + role)
        .thenApply(
            reply ->
                switch (((OFRoleReply) reply).getRole()) {
                  case ROLE_MASTER -> Role.MASTER;
                  case ROLE_SLAVE -> Role.SLAVE;
                  default -> Role.EQUAL;
                });
  }

  /** Any multipart request; the future holds every part of the reply. */
  public CompletableFuture<List<OFStatsReply>> multipart(OFStatsRequest<?> request) {
    return connection
        .request(request, request.getStatsType().name() + " request")
        .thenApply(parts -> ((List<?>) parts).stream().map(p -> (OFStatsReply) p).toList());
  }

  /** Flows of every table whose cookie matches under the mask (mask 0: every flow). */
  public CompletableFuture<List<OFFlowStatsEntry>> flowStats(long cookie, long cookieMask) {
    return multipart(
            factory()
                .buildFlowStatsRequest()
                .setTableId(TableId.ALL)
                .setOutPort(OFPort.ANY)
                .setOutGroup(OFGroup.ANY)
                .setCookie(U64.of(cookie))
                .setCookieMask(U64.of(cookieMask))
                .setMatch(factory().buildMatch().build())
                .build())
        .thenApply(
            parts ->
                parts.stream().flatMap(p -> ((OFFlowStatsReply) p).getEntries().stream()).toList());
  }

  public CompletableFuture<List<OFPortStatsEntry>> portStats() {
    return multipart(factory().buildPortStatsRequest().setPortNo(OFPort.ANY).build())
        .thenApply(
            parts ->
                parts.stream().flatMap(p -> ((OFPortStatsReply) p).getEntries().stream()).toList());
  }

  public CompletableFuture<List<OFMeterStats>> meterStats() {
    return multipart(factory().buildMeterStatsRequest().setMeterId(ALL_METERS).build())
        .thenApply(
            parts ->
                parts.stream()
                    .flatMap(p -> ((OFMeterStatsReply) p).getEntries().stream())
                    .toList());
  }

  public CompletableFuture<List<OFMeterConfig>> meterConfigs() {
    return multipart(factory().buildMeterConfigStatsRequest().setMeterId(ALL_METERS).build())
        .thenApply(
            parts ->
                parts.stream()
                    .flatMap(p -> ((OFMeterConfigStatsReply) p).getEntries().stream())
                    .toList());
  }

  public CompletableFuture<List<OFGroupDescStatsEntry>> groupDescriptions() {
    return multipart(factory().buildGroupDescStatsRequest().build())
        .thenApply(
            parts ->
                parts.stream()
                    .flatMap(p -> ((OFGroupDescStatsReply) p).getEntries().stream())
                    .toList());
  }

  /** Ends the connection; the switch will connect again by itself. */
  public void disconnect() {
    connection.close();
  }

  // ---------------------------------------------------------------- events from the connection

  void packetIn(OFPacketIn in) {
    OFPort inPort = in.getMatch().get(MatchField.IN_PORT);
    PacketIn event =
        new PacketIn(
            inPort == null ? -1 : inPort.getPortNumber(),
            in.getData(),
            in.getReason().name(),
            in.getTableId().getValue(),
            in.getCookie().getValue());
    events.execute(() -> packetListeners.forEach(l -> call(l, event)));
  }

  void portStatus(OFPortStatus status) {
    Port p = port(status.getDesc());
    if (p == null) {
      return;
    }
    PortEvent.Kind kind =
        switch (status.getReason()) {
          case ADD -> PortEvent.Kind.ADDED;
          case DELETE -> PortEvent.Kind.REMOVED;
          default -> PortEvent.Kind.MODIFIED;
        };
    if (kind == PortEvent.Kind.REMOVED) {
      ports.remove(p.number());
    } else {
      ports.put(p.number(), p);
    }
    PortEvent event = new PortEvent(kind, p);
    log.debug("switch {}: port {} {} ({})", id(), p.number(), kind, p.up() ? "up" : "down");
    events.execute(() -> portListeners.forEach(l -> call(l, event)));
  }

  void disconnected() {
    events.execute(() -> disconnectListeners.forEach(Runnable::run));
  }

  private <T> void call(Consumer<T> listener, T event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      log.warn("switch {}: a listener failed on {}", id(), event, e);
    }
  }

  /** A data port from its description; null for reserved ports (LOCAL, CONTROLLER, ...). */
  static Port port(OFPortDesc d) {
    int n = d.getPortNo().getPortNumber();
    if (n <= 0 || Integer.compareUnsigned(n, OFPort.MAX.getPortNumber()) > 0) {
      return null;
    }
    return new Port(
        n,
        d.getName(),
        MacAddress.of(d.getHwAddr().getBytes()).toString(),
        d.getCurrSpeed(),
        d.getMaxSpeed(),
        !d.getConfig().contains(OFPortConfig.PORT_DOWN),
        !d.getState().contains(OFPortState.LINK_DOWN));
  }

  @Override
  public String toString() {
    return "switch " + id() + " at " + peer();
  }
}
