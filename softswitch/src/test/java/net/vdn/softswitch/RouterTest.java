package net.vdn.softswitch;

import static net.vdn.softswitch.Fixtures.bytes;
import static net.vdn.softswitch.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.vdn.softswitch.extern.CounterData;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.EntryException;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;
import net.vdn.softswitch.table.TableFullException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final int FORWARD = 4;
  private static final int SET_PORT = 5;
  private static final int FLOOD = 6;
  private static final int PUNT = 7;
  private static final String HOST_A = "00:00:00:00:00:0a";
  private static final String HOST_B = "00:00:00:00:00:0b";

  private final Fixtures.ManualClock clock = new Fixtures.ManualClock();
  private Switch sw;
  private MatchTable lpm;
  private MatchTable l2;

  @BeforeEach
  void load() {
    sw = Fixtures.load("router.json", clock);
    lpm = sw.table("MyIngress.ipv4_lpm");
    l2 = sw.table("MyIngress.l2_exact");
  }

  private static TableEntry route(byte[] prefix, int len, String mac, int port) {
    return new TableEntry(
        List.of(new KeyMatch.Lpm(prefix, len)),
        0,
        new EntryAction.Call(FORWARD, List.of(bytes(mac), new byte[] {(byte) port})));
  }

  private static TableEntry l2(String mac, int action, byte[]... params) {
    return new TableEntry(
        List.of(new KeyMatch.Exact(bytes(mac))), 0, new EntryAction.Call(action, List.of(params)));
  }

  @Test
  void lpmPicksLongestPrefixAndRewritesTheFrame() {
    lpm.insert(route(ip(10, 0, 0, 0), 8, "00:00:00:00:00:08", 2));
    lpm.insert(route(ip(10, 1, 2, 0), 24, "00:00:00:00:00:24", 3));
    lpm.insert(route(ip(10, 1, 0, 0), 16, "00:00:00:00:00:16", 4));

    List<OutputPacket> out =
        sw.process(1, Fixtures.ipv4Packet(HOST_A, HOST_B, ip(192, 168, 0, 1), ip(10, 1, 2, 9), 64));

    assertThat(out).hasSize(1);
    byte[] o = out.get(0).bytes();
    assertThat(out.get(0).port()).isEqualTo(3);
    assertThat(Arrays.copyOfRange(o, 0, 6)).isEqualTo(bytes("000000000024"));
    assertThat(Arrays.copyOfRange(o, 6, 12)).isEqualTo(bytes(HOST_A));
    assertThat(o[22] & 0xff).isEqualTo(63);
    int checksum = ((o[24] & 0xff) << 8) | (o[25] & 0xff);
    assertThat(checksum).isEqualTo(Fixtures.ipv4Checksum(o, 14));
    assertThat(o).hasSize(40);
  }

  @Test
  void lpmFallsBackToShorterPrefixAndDefaultDrop() {
    lpm.insert(route(ip(10, 0, 0, 0), 8, "00:00:00:00:00:08", 2));
    assertThat(
            sw.process(1, Fixtures.ipv4Packet(HOST_A, HOST_B, ip(1, 1, 1, 1), ip(10, 9, 9, 9), 64)))
        .extracting(OutputPacket::port)
        .containsExactly(2);
    assertThat(
            sw.process(1, Fixtures.ipv4Packet(HOST_A, HOST_B, ip(1, 1, 1, 1), ip(11, 0, 0, 1), 64)))
        .isEmpty();
  }

  @Test
  void ttlWrapsAroundAtZero() {
    lpm.insert(route(ip(10, 0, 0, 0), 8, "00:00:00:00:00:08", 2));
    byte[] o =
        sw.process(1, Fixtures.ipv4Packet(HOST_A, HOST_B, ip(1, 1, 1, 1), ip(10, 0, 0, 1), 0))
            .get(0)
            .bytes();
    assertThat(o[22] & 0xff).isEqualTo(255);
  }

  @Test
  void countsPacketsPerIngressPortAndRemembersTheLastPort() {
    lpm.insert(route(ip(10, 0, 0, 0), 8, "00:00:00:00:00:08", 2));
    byte[] packet = Fixtures.ipv4Packet(HOST_A, HOST_B, ip(1, 1, 1, 1), ip(10, 0, 0, 1), 9);
    sw.process(7, packet);
    sw.process(7, packet);
    sw.process(9, packet);
    assertThat(sw.counter("MyIngress.port_counter").read(7)).isEqualTo(new CounterData(2, 80));
    assertThat(sw.counter("MyIngress.port_counter").read(9)).isEqualTo(new CounterData(1, 40));
    assertThat(sw.register("MyIngress.last_port").get(0)).isEqualTo(new byte[] {0, 0, 0, 9});
  }

  @Test
  void exactTableForwardsAndCountsHitsPerEntry() {
    l2.insert(l2(HOST_A, SET_PORT, new byte[] {5}));
    byte[] frame = Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 50);
    assertThat(sw.process(1, frame)).extracting(OutputPacket::port).containsExactly(5);
    sw.process(1, frame);
    sw.process(1, Fixtures.ethernet(HOST_B, HOST_A, 0x88cc, 50));
    assertThat(l2.directCounter(List.of(new KeyMatch.Exact(bytes(HOST_A))), 0))
        .isEqualTo(new CounterData(2, 128));
  }

  @Test
  void multicastGroupReplicatesToEveryPortWithItsRid() {
    sw.pre().insertGroup(new MulticastGroup(1, List.of(new Replica(2, 7), new Replica(3, 8))));
    l2.insert(l2(HOST_A, FLOOD, new byte[] {0, 1}));
    List<OutputPacket> out = sw.process(1, Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 10));
    assertThat(out).extracting(OutputPacket::port).containsExactly(2, 3);
  }

  @Test
  void puntedPacketsCarryThePacketInHeaderWithTheIngressPort() {
    l2.insert(l2(HOST_A, PUNT));
    byte[] frame = Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 10);
    List<OutputPacket> out = sw.process(6, frame);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).port()).isEqualTo(sw.cpuPort());
    byte[] o = out.get(0).bytes();
    assertThat(((o[0] & 0xff) << 1) | ((o[1] & 0xff) >>> 7)).isEqualTo(6);
    assertThat(Arrays.copyOfRange(o, 2, o.length)).isEqualTo(frame);
  }

  @Test
  void packetOutFromTheCpuGoesToTheRequestedPortWithoutItsHeader() {
    byte[] frame = Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 10);
    byte[] packetOut = new byte[frame.length + 2];
    packetOut[0] = (byte) (4 >>> 1);
    packetOut[1] = (byte) (4 << 7);
    System.arraycopy(frame, 0, packetOut, 2, frame.length);
    List<OutputPacket> out = sw.process(255, packetOut);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).port()).isEqualTo(4);
    assertThat(out.get(0).bytes()).isEqualTo(frame);
  }

  @Test
  void fullTableRejectsInsertsWithADistinctException() {
    for (int i = 0; i < 4; i++) {
      l2.insert(l2("00:00:00:00:01:0" + i, SET_PORT, new byte[] {1}));
    }
    assertThatThrownBy(() -> l2.insert(l2("00:00:00:00:01:09", SET_PORT, new byte[] {1})))
        .isInstanceOf(TableFullException.class);
    assertThat(l2.size()).isEqualTo(4);
  }

  @Test
  void duplicateModifyDeleteAndReadKeepInsertionOrder() {
    l2.insert(l2(HOST_B, SET_PORT, new byte[] {1}));
    l2.insert(l2(HOST_A, SET_PORT, new byte[] {2}));
    assertThatThrownBy(() -> l2.insert(l2(HOST_A, SET_PORT, new byte[] {3})))
        .isInstanceOf(EntryException.class)
        .extracting(e -> ((EntryException) e).kind())
        .isEqualTo(EntryException.Kind.DUPLICATE);
    l2.modify(l2(HOST_A, SET_PORT, new byte[] {3}));
    assertThat(sw.process(1, Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 4)))
        .extracting(OutputPacket::port)
        .containsExactly(3);
    assertThat(l2.read())
        .extracting(e -> ((KeyMatch.Exact) e.match().get(0)).value())
        .containsExactly(bytes(HOST_B), bytes(HOST_A));
    l2.delete(List.of(new KeyMatch.Exact(bytes(HOST_B))), 0);
    assertThat(l2.read()).hasSize(1);
    assertThatThrownBy(() -> l2.delete(List.of(new KeyMatch.Exact(bytes(HOST_B))), 0))
        .extracting(e -> ((EntryException) e).kind())
        .isEqualTo(EntryException.Kind.NOT_FOUND);
  }

  @Test
  void rejectsParamsWiderThanDeclaredAndUnknownActions() {
    assertThatThrownBy(() -> l2.insert(l2(HOST_A, SET_PORT, new byte[] {2, 0})))
        .hasMessageContaining("does not fit in 9 bits");
    assertThatThrownBy(() -> l2.insert(l2(HOST_A, FORWARD, new byte[] {1})))
        .hasMessageContaining("not allowed");
    assertThat(l2.size()).isZero();
  }

  @Test
  void defaultActionIsModifiable() {
    l2.setDefaultAction(new EntryAction.Call(SET_PORT, List.of(new byte[] {9})));
    assertThat(sw.process(1, Fixtures.ethernet(HOST_A, HOST_B, 0x88cc, 4)))
        .extracting(OutputPacket::port)
        .containsExactly(9);
  }

  @Test
  void garbageInputNeverThrows() {
    lpm.insert(route(ip(0, 0, 0, 0), 0, "00:00:00:00:00:01", 1));
    Random random = new Random(42);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[random.nextInt(80)];
      random.nextBytes(junk);
      if (junk.length > 13 && random.nextBoolean()) {
        junk[12] = 0x08;
        junk[13] = 0x00;
      }
      sw.process(random.nextInt(512), junk);
    }
  }
}
