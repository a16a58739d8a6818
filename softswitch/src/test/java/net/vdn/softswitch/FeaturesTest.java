package net.vdn.softswitch;

import static net.vdn.softswitch.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import net.vdn.softswitch.extern.Meter;
import net.vdn.softswitch.extern.MeterConfig;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  private static final int ACL_SET_PORT = 4;
  private static final int ACL_DROP = 8;
  private static final int RANGE_SET_PORT = 5;
  private static final int OPT_SET_PORT = 6;
  private static final int LEARN = 9;
  private static final int CLONE = 10;
  private static final int POP_TAG = 11;
  private static final int ECMP_SET_PORT = 7;
  private static final String A = "00:00:00:00:00:0a";
  private static final String B = "00:00:00:00:00:0b";

  private final Fixtures.ManualClock clock = new Fixtures.ManualClock();
  private final List<Digest> digests = new ArrayList<>();
  private Switch sw;

  @BeforeEach
  void load() {
    sw =
        Switch.load(
            Fixtures.resource("features.json"),
            SwitchConfig.defaults()
                .withCpuPort(255)
                .withClock(clock::now)
                .withDigests(digests::add));
  }

  private static EntryAction.Call call(int action, int... params) {
    List<byte[]> p = new ArrayList<>();
    for (int v : params) {
      p.add(new byte[] {(byte) (v >>> 8), (byte) v});
    }
    return new EntryAction.Call(action, p);
  }

  private static byte[] port(int p) {
    return new byte[] {(byte) (p >>> 8), (byte) p};
  }

  private List<Integer> ports(int inPort, byte[] packet) {
    return sw.process(inPort, packet).stream().map(OutputPacket::port).toList();
  }

  @Test
  void ternaryHighestPriorityWins() {
    MatchTable acl = sw.table("MyIngress.acl");
    acl.insert(
        new TableEntry(
            Arrays.asList(new KeyMatch.Ternary(bytes("0800"), bytes("ff00")), null),
            10,
            call(ACL_SET_PORT, 3)));
    acl.insert(
        new TableEntry(
            Arrays.asList(null, new KeyMatch.Ternary(bytes("0b"), bytes("ff"))),
            20,
            call(ACL_SET_PORT, 4)));
    assertThat(ports(1, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(4);
    assertThat(ports(1, Fixtures.ethernet(A, A, 0x0806, 4))).containsExactly(3);
    assertThat(ports(1, Fixtures.ethernet(A, A, 0x0906, 4))).containsExactly(0);
  }

  @Test
  void rangeMatchesInclusiveBounds() {
    MatchTable range = sw.table("MyIngress.port_range");
    range.insert(
        new TableEntry(List.of(new KeyMatch.Range(port(4), port(6))), 1, call(RANGE_SET_PORT, 9)));
    assertThat(ports(3, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(0);
    assertThat(ports(4, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(9);
    assertThat(ports(6, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(9);
    assertThat(ports(7, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(0);
  }

  @Test
  void optionalMatchIsExactOrWildcard() {
    MatchTable opt = sw.table("MyIngress.opt");
    opt.insert(
        new TableEntry(Arrays.asList(new KeyMatch.Exact(port(2)), null), 1, call(OPT_SET_PORT, 5)));
    opt.insert(
        new TableEntry(
            List.of(new KeyMatch.Exact(port(2)), new KeyMatch.Optional(bytes(A))),
            2,
            call(OPT_SET_PORT, 6)));
    assertThat(ports(2, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(6);
    assertThat(ports(2, Fixtures.ethernet(B, B, 0x0806, 4))).containsExactly(5);
    assertThat(ports(3, Fixtures.ethernet(A, B, 0x0806, 4))).containsExactly(0);
  }

  @Test
  void directMeterColorsByteRateAndUnconfiguredMeterIsGreen() {
    MatchTable acl = sw.table("MyIngress.acl");
    List<KeyMatch> match = Arrays.asList(new KeyMatch.Ternary(bytes("0806"), bytes("ffff")), null);
    acl.insert(new TableEntry(match, 1, call(ACL_SET_PORT, 2)));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 86);
    assertThat(ports(1, frame)).containsExactly(2);
    assertThat(ports(1, frame)).containsExactly(2);
    // 100 bytes per second committed and peak, bursts of one frame: the second frame is red.
    acl.directMeter(match, 1, new MeterConfig(100, 100, 100, 100));
    assertThat(acl.directMeter(match, 1)).isEqualTo(new MeterConfig(100, 100, 100, 100));
    assertThat(ports(1, frame)).containsExactly(2);
    assertThat(ports(1, frame)).isEmpty();
    clock.advanceMillis(1000);
    assertThat(ports(1, frame)).containsExactly(2);
  }

  @Test
  void twoRateMeterMarksYellowBetweenCommittedAndPeakRates() {
    var meter = sw.meter("MyIngress.port_meter");
    meter.configure(1, new MeterConfig(1, 1, 3, 3));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 4);
    List<Long> colors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sw.process(1, frame);
      colors.add(Long.valueOf(sw.register("MyIngress.scratch").get(2)[3]));
    }
    assertThat(colors)
        .containsExactly(
            (long) Meter.GREEN, (long) Meter.YELLOW, (long) Meter.YELLOW, (long) Meter.RED);
    clock.advanceMillis(1000);
    sw.process(1, frame);
    assertThat(sw.register("MyIngress.scratch").get(2)[3]).isEqualTo((byte) Meter.GREEN);
    sw.process(2, frame);
    assertThat(sw.register("MyIngress.scratch").get(2)[3]).isEqualTo((byte) Meter.GREEN);
  }

  @Test
  void hashSaturationAndWideArithmeticMatchP4Semantics() {
    byte[] frame = Fixtures.ethernet("12:34:56:78:9a:bc", "00:00:00:00:00:64", 0x0806, 4);
    sw.process(1, frame);
    var scratch = sw.register("MyIngress.scratch");
    CRC32 crc = new CRC32();
    crc.update(frame, 0, 12);
    assertThat(new java.math.BigInteger(1, scratch.get(0)).longValue()).isEqualTo(crc.getValue());
    assertThat(scratch.get(1)[3] & 0xff).isEqualTo(255);
    assertThat(scratch.get(3)).isEqualTo(bytes("12345678"));
    assertThat(scratch.get(4)[3]).isEqualTo((byte) 1);
    sw.process(1, Fixtures.ethernet(A, "00:00:00:00:00:10", 0x0806, 4));
    assertThat(scratch.get(1)[3] & 0xff).isEqualTo(216);
  }

  @Test
  void selectorSpreadsFlowsOverGroupMembersByHash() {
    ActionProfile selector = sw.actionProfile("MyIngress.ecmp_selector");
    selector.insertMember(1, call(ECMP_SET_PORT, 11));
    selector.insertMember(2, call(ECMP_SET_PORT, 12));
    selector.insertGroup(
        new ActionProfile.Group(
            7,
            List.of(new ActionProfile.GroupMember(1, 1), new ActionProfile.GroupMember(2, 1)),
            4));
    sw.table("MyIngress.ecmp")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Exact(bytes("0806"))), 0, new EntryAction.Group(7)));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 32; i++) {
      String src = String.format("00:00:00:00:01:%02x", i);
      List<Integer> first = ports(1, Fixtures.ethernet(A, src, 0x0806, 4));
      assertThat(ports(1, Fixtures.ethernet(A, src, 0x0806, 4))).isEqualTo(first);
      seen.addAll(first);
    }
    assertThat(seen).containsExactlyInAnyOrder(11, 12);
  }

  @Test
  void digestCarriesItsFieldsAtTheEndOfIngress() {
    sw.table("MyIngress.opt")
        .insert(new TableEntry(Arrays.asList(new KeyMatch.Exact(port(3)), null), 1, call(LEARN)));
    sw.process(3, Fixtures.ethernet(A, B, 0x0806, 4));
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).name()).isEqualTo("learn_t");
    assertThat(digests.get(0).values()).containsExactly(bytes(B), port(3));
  }

  @Test
  void ingressCloneSendsTheOriginalPacketToTheSessionPorts() {
    sw.pre().insertSession(new CloneSession(5, List.of(new Replica(8, 1)), 0, 0));
    sw.table("MyIngress.opt")
        .insert(new TableEntry(Arrays.asList(new KeyMatch.Exact(port(3)), null), 1, call(CLONE)));
    sw.table("MyIngress.port_range")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Range(port(0), port(10))), 1, call(RANGE_SET_PORT, 2)));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 4);
    List<OutputPacket> out = sw.process(3, frame);
    assertThat(out).extracting(OutputPacket::port).containsExactlyInAnyOrder(2, 8);
    assertThat(out).allSatisfy(o -> assertThat(o.bytes()).isEqualTo(frame));
  }

  @Test
  void headerStackIsParsedByLastElementAndPopped() {
    sw.table("MyIngress.opt")
        .insert(
            new TableEntry(Arrays.asList(new KeyMatch.Exact(port(3)), null), 1, call(POP_TAG, 4)));
    byte[] frame = bytes("00000000000a 00000000000b 8100 0001 8100 0002 0806 cafe");
    List<OutputPacket> out = sw.process(3, frame);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).port()).isEqualTo(4);
    assertThat(out.get(0).bytes())
        .isEqualTo(bytes("00000000000a 00000000000b 8100 0002 0806 cafe"));
  }

  @Test
  void tooManyStackElementsSetsParserErrorAndStillReachesIngress() {
    sw.table("MyIngress.port_range")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Range(port(0), port(10))), 1, call(RANGE_SET_PORT, 2)));
    byte[] frame = bytes("00000000000a 00000000000b 8100 0001 8100 0002 8100 0003 0806");
    List<OutputPacket> out = sw.process(3, frame);
    assertThat(out).extracting(OutputPacket::port).containsExactly(2);
    assertThat(out.get(0).bytes()).isEqualTo(frame);
  }
}
