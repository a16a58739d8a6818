package net.vdn.openflow;

import static net.vdn.openflow.FakeSwitch.OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.openflow.internal.SwitchConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierRequest;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFFlowAdd;
import org.projectfloodlight.openflow.protocol.OFFlowMod;
import org.projectfloodlight.openflow.protocol.OFFlowModFailedCode;
import org.projectfloodlight.openflow.protocol.OFFlowStatsEntry;
import org.projectfloodlight.openflow.protocol.OFFlowStatsRequest;
import org.projectfloodlight.openflow.protocol.OFPacketInReason;
import org.projectfloodlight.openflow.protocol.OFPacketOut;
import org.projectfloodlight.openflow.protocol.OFPortReason;
import org.projectfloodlight.openflow.protocol.OFSetConfig;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFBufferId;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;
import org.slf4j.LoggerFactory;

/** The listener against a switch played by the test, message by message. */
class OpenFlowServerTest {
  private static final long DPID = 0x0000_0000_0000_00abL;

  private OpenFlowServer server;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start() {
    server = start(Duration.ofSeconds(5), 3, Duration.ofSeconds(5));
    logs.start();
    ((Logger) LoggerFactory.getLogger(SwitchConnection.class)).addAppender(logs);
  }

  private OpenFlowServer start(Duration echo, int misses, Duration requestTimeout) {
    return OpenFlowServer.start(
        OpenFlowServer.Options.defaults()
            .withBind("127.0.0.1", 0)
            .withEcho(echo, misses)
            .withRequestTimeout(requestTimeout),
        new SwitchListener() {
          @Override
          public void connected(OpenFlowSwitch sw) {
            events.add("connected " + sw.id());
          }

          @Override
          public void disconnected(OpenFlowSwitch sw) {
            events.add("disconnected " + sw.id());
          }
        });
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(SwitchConnection.class)).detachAppender(logs);
    server.close();
  }

  private boolean logged(String text) {
    return logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(text));
  }

  @Test
  void handshakeOffersOnly13AndReadsDatapathIdAndDataPorts() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      byte[] hello = fake.receiveRaw();
      // Header version 1.3, type HELLO, one VERSIONBITMAP element with only bit 4 (1.3) set.
      assertThat(hello[0]).isEqualTo((byte) 4);
      assertThat(hello[1]).isEqualTo((byte) 0);
      assertThat(hello.length).isEqualTo(16);
      assertThat(new byte[] {hello[8], hello[9], hello[12], hello[13], hello[14], hello[15]})
          .containsExactly(0, 1, 0, 0, 0, 0x10);
      fake.send(OF.buildHello().setXid(1).build());
      OFFeaturesRequest features = fake.receive(OFFeaturesRequest.class);
      fake.send(
          OF.buildFeaturesReply()
              .setXid(features.getXid())
              .setDatapathId(org.projectfloodlight.openflow.types.DatapathId.of(DPID))
              .build());
      assertThat(fake.receive(OFSetConfig.class).getMissSendLen()).isEqualTo(0xffff);
      fake.send(
          OF.buildPortDescStatsReply()
              .setXid(
                  fake.receive(org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest.class)
                      .getXid())
              .setEntries(
                  List.of(
                      OF.buildPortDesc()
                          .setPortNo(OFPort.of(7))
                          .setName("eth7")
                          .setHwAddr(
                              org.projectfloodlight.openflow.types.MacAddress.of(
                                  "02:00:00:00:00:07"))
                          .setCurrSpeed(10_000_000)
                          .setState(
                              Set.of(org.projectfloodlight.openflow.protocol.OFPortState.LINK_DOWN))
                          .build(),
                      OF.buildPortDesc()
                          .setPortNo(OFPort.LOCAL)
                          .setName("br0")
                          .setHwAddr(
                              org.projectfloodlight.openflow.types.MacAddress.of(
                                  "02:00:00:00:00:ff"))
                          .build()))
              .build());
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(5));
      assertThat(sw.id()).isEqualTo("of:00000000000000ab");
      assertThat(sw.ports())
          .containsExactly(new Port(7, "eth7", "02:00:00:00:00:07", 10_000_000, 0, true, false));
      assertThat(sw.port(7).orElseThrow().up()).isFalse();
      assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected of:00000000000000ab");
    }
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected of:00000000000000ab");
  }

  @Test
  void negotiates13WithANewerSwitchThatOffersIt() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.receiveRaw();
      // An OpenFlow 1.5 HELLO whose bitmap offers 1.0 and 1.3.
      fake.sendRaw(new byte[] {6, 0, 0, 16, 0, 0, 0, 9, 0, 1, 0, 8, 0, 0, 0, 0x12});
      assertThat(fake.receive()).isInstanceOf(OFFeaturesRequest.class);
    }
  }

  @Test
  void refusesASwitchWithout13() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.receiveRaw();
      fake.sendRaw(new byte[] {1, 0, 0, 8, 0, 0, 0, 5}); // OpenFlow 1.0 HELLO, no bitmap
      byte[] error = fake.receiveRaw();
      // OFPT_ERROR, type HELLO_FAILED (0), code INCOMPATIBLE (0), echoing the HELLO's xid.
      assertThat(error[1]).isEqualTo((byte) 1);
      assertThat(error[7]).isEqualTo((byte) 5);
      assertThat(new byte[] {error[8], error[9], error[10], error[11]}).containsOnly(0);
      assertThat(fake.closedByPeer()).isTrue();
    }
    assertThat(logged("no common OpenFlow version (switch offers up to 1.0")).isTrue();
  }

  @Test
  void garbageClosesOnlyThatConnection() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.receiveRaw();
      fake.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(fake.closedByPeer()).isTrue();
    }
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.receiveRaw();
      fake.sendRaw(new byte[] {4, 0, 0, 4, 0, 0, 0, 1}); // a header shorter than a header
      assertThat(fake.closedByPeer()).isTrue();
    }
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.receiveRaw();
      fake.send(OF.buildEchoRequest().setXid(3).build()); // anything but HELLO first
      assertThat(fake.closedByPeer()).isTrue();
    }
    assertThat(logged("bad OpenFlow input, closing: not an OpenFlow header: version byte 0x47"))
        .isTrue();
    assertThat(logged("length 4 is under the 8-byte header")).isTrue();
    assertThat(logged("before HELLO, closing")).isTrue();
    // The listener still takes switches.
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      assertThat(server.awaitSwitch(DPID, Duration.ofSeconds(5)).ports()).hasSize(1);
    }
  }

  @Test
  void switchThatStopsAnsweringEchoesIsDisconnected() throws Exception {
    server.close();
    server = start(Duration.ofMillis(200), 2, Duration.ofSeconds(5));
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      server.awaitSwitch(DPID, Duration.ofSeconds(5));
      long start = System.nanoTime();
      int echoes = 0;
      try {
        while (true) {
          if (fake.receive() instanceof OFEchoRequest) {
            echoes++; // and never answered
          }
        }
      } catch (java.io.EOFException | java.net.SocketException e) {
        // closed by the controller
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(echoes).isEqualTo(2);
      assertThat(ms).isBetween(400L, 3000L);
    }
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected of:00000000000000ab");
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected of:00000000000000ab");
    assertThat(server.get(DPID)).isEmpty();
    assertThat(logged("echo unanswered), closing")).isTrue();
  }

  @Test
  void refusalsComeBackWithTypeAndCodeAndLeaveTheConnectionUp() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(5));
      OFFlowAdd add = OF.buildFlowAdd().setTableId(TableId.of(1)).setPriority(5).build();
      CompletableFuture<WriteResult> written = sw.write(List.of(add, add, add));
      OFFlowMod first = fake.receive(OFFlowMod.class);
      OFFlowMod second = fake.receive(OFFlowMod.class);
      fake.receive(OFFlowMod.class);
      OFBarrierRequest barrier = fake.receive(OFBarrierRequest.class);
      fake.send(
          OF.errorMsgs()
              .buildFlowModFailedErrorMsg()
              .setXid(first.getXid())
              .setCode(OFFlowModFailedCode.TABLE_FULL)
              .build());
      // FLOW_MOD_FAILED with a code the specification does not define.
      long x = second.getXid();
      fake.sendRaw(
          new byte[] {
            4, 1, 0, 12, (byte) (x >> 24), (byte) (x >> 16), (byte) (x >> 8), (byte) x, 0, 5, 0, 99
          });
      fake.send(OF.buildBarrierReply().setXid(barrier.getXid()).build());
      WriteResult r = written.get(5, TimeUnit.SECONDS);
      assertThat(r.errors().get(0))
          .isEqualTo(new OpenFlowError(5, "FLOW_MOD_FAILED", 1, "TABLE_FULL", first.getXid()));
      assertThat(r.errors().get(1))
          .isEqualTo(new OpenFlowError(5, "FLOW_MOD_FAILED", 99, "UNKNOWN", x));
      assertThat(r.ok(2)).isTrue();
      assertThat(r.allOk()).isFalse();
      assertThat(sw.isConnected()).isTrue();
    }
  }

  @Test
  void multipartRepliesAreJoinedAcrossParts() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(5));
      CompletableFuture<List<OFFlowStatsEntry>> flows = sw.flowStats(0x5644_4E00_0000_000aL, -1L);
      OFFlowStatsRequest req = fake.receive(OFFlowStatsRequest.class);
      assertThat(req.getCookie()).isEqualTo(U64.of(0x5644_4E00_0000_000aL));
      OFFlowStatsEntry e1 =
          OF.buildFlowStatsEntry().setTableId(TableId.of(1)).setPriority(1).build();
      OFFlowStatsEntry e2 =
          OF.buildFlowStatsEntry().setTableId(TableId.of(3)).setPriority(2).build();
      fake.send(
          OF.buildFlowStatsReply()
              .setXid(req.getXid())
              .setFlags(Set.of(OFStatsReplyFlags.REPLY_MORE))
              .setEntries(List.of(e1))
              .build());
      Thread.sleep(100);
      assertThat(flows).isNotDone();
      fake.send(OF.buildFlowStatsReply().setXid(req.getXid()).setEntries(List.of(e2)).build());
      assertThat(flows.get(5, TimeUnit.SECONDS)).containsExactly(e1, e2);
    }
  }

  @Test
  void unansweredRequestFailsNamingIt() throws Exception {
    server.close();
    server = start(Duration.ofSeconds(5), 3, Duration.ofMillis(300));
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(5));
      CompletableFuture<Void> barrier = sw.barrier();
      assertThatThrownBy(() -> barrier.get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(OpenFlowException.class)
          .hasMessageContaining("no answer to BARRIER_REQUEST")
          .hasMessageContaining("within 300 ms");
    }
  }

  @Test
  void packetInsPortStatusAndPacketOutsCarryTheirPorts() throws Exception {
    try (FakeSwitch fake = new FakeSwitch(server.port())) {
      fake.handshake(DPID);
      OpenFlowSwitch sw = server.awaitSwitch(DPID, Duration.ofSeconds(5));
      BlockingQueue<PacketIn> ins = new LinkedBlockingQueue<>();
      BlockingQueue<PortEvent> ports = new LinkedBlockingQueue<>();
      sw.onPacketIn(ins::add);
      sw.onPortStatus(ports::add);
      byte[] frame = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, (byte) 0x88, (byte) 0xcc};
      fake.send(
          OF.buildPacketIn()
              .setBufferId(OFBufferId.NO_BUFFER)
              .setReason(OFPacketInReason.ACTION)
              .setTableId(TableId.of(0))
              .setCookie(U64.of(0x5644_4E00_0000_0000L))
              .setMatch(OF.buildMatch().setExact(MatchField.IN_PORT, OFPort.of(1)).build())
              .setData(frame)
              .build());
      PacketIn in = ins.poll(5, TimeUnit.SECONDS);
      assertThat(in.inPort()).isEqualTo(1);
      assertThat(in.frame()).isEqualTo(frame);
      assertThat(in.reason()).isEqualTo("ACTION");
      assertThat(in.cookie()).isEqualTo(0x5644_4E00_0000_0000L);

      fake.send(
          OF.buildPortStatus()
              .setReason(OFPortReason.DELETE)
              .setDesc(
                  OF.buildPortDesc()
                      .setPortNo(OFPort.of(1))
                      .setName("eth1")
                      .setHwAddr(
                          org.projectfloodlight.openflow.types.MacAddress.of("02:00:00:00:00:01"))
                      .build())
              .build());
      PortEvent gone = ports.poll(5, TimeUnit.SECONDS);
      assertThat(gone.kind()).isEqualTo(PortEvent.Kind.REMOVED);
      assertThat(gone.port().number()).isEqualTo(1);
      assertThat(sw.ports()).isEmpty();

      sw.packetOut(4, frame);
      OFPacketOut out = fake.receive(OFPacketOut.class);
      assertThat(out.getData()).isEqualTo(frame);
      assertThat(out.getInPort()).isEqualTo(OFPort.CONTROLLER);
      assertThat(out.getActions())
          .singleElement()
          .isInstanceOfSatisfying(
              OFActionOutput.class, a -> assertThat(a.getPort()).isEqualTo(OFPort.of(4)));
    }
  }
}
