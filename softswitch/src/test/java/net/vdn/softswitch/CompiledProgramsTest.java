package net.vdn.softswitch;

import static net.vdn.softswitch.Fixtures.bytes;
import static net.vdn.softswitch.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;
import org.junit.jupiter.api.Test;

/** The P4 programs of src/test/p4 as p4c compiled them (see src/test/resources/README.md). */
class CompiledProgramsTest {
  private static final String A = "00000000000a";
  private static final String B = "00000000000b";

  private static EntryAction.Call call(MatchTable t, String action, byte[]... params) {
    return new EntryAction.Call(t.action(action).id(), List.of(params));
  }

  private static byte[] port(int p) {
    return new byte[] {(byte) (p >>> 8), (byte) p};
  }

  private static List<Integer> ports(List<OutputPacket> out) {
    return out.stream().map(OutputPacket::port).toList();
  }

  @Test
  void compiledRouterRoutesPuntsAndFloods() {
    Switch sw = Fixtures.load("compiled/router.json", new Fixtures.ManualClock());
    MatchTable lpm = sw.table("MyIngress.ipv4_lpm");
    lpm.insert(
        new TableEntry(
            List.of(new KeyMatch.Lpm(ip(10, 1, 0, 0), 16)),
            0,
            call(lpm, "MyIngress.ipv4_forward", bytes("000000000016"), port(3))));
    List<OutputPacket> out =
        sw.process(1, Fixtures.ipv4Packet(A, B, ip(192, 168, 0, 1), ip(10, 1, 2, 9), 64));
    assertThat(ports(out)).containsExactly(3);
    byte[] o = out.get(0).bytes();
    assertThat(Arrays.copyOfRange(o, 0, 6)).isEqualTo(bytes("000000000016"));
    assertThat(o[22] & 0xff).isEqualTo(63);
    assertThat(((o[24] & 0xff) << 8) | (o[25] & 0xff)).isEqualTo(Fixtures.ipv4Checksum(o, 14));
    assertThat(sw.process(1, Fixtures.ipv4Packet(A, B, ip(1, 1, 1, 1), ip(11, 0, 0, 1), 64)))
        .isEmpty();

    MatchTable l2 = sw.table("MyIngress.l2_exact");
    l2.insert(new TableEntry(List.of(new KeyMatch.Exact(bytes(A))), 0, call(l2, "MyIngress.punt")));
    byte[] frame = Fixtures.ethernet(A, B, 0x88cc, 10);
    out = sw.process(6, frame);
    assertThat(ports(out)).containsExactly(255);
    assertThat(Arrays.copyOfRange(out.get(0).bytes(), 2, out.get(0).bytes().length))
        .isEqualTo(frame);

    sw.pre().insertGroup(new MulticastGroup(1, List.of(new Replica(2, 0), new Replica(3, 0))));
    l2.modify(
        new TableEntry(
            List.of(new KeyMatch.Exact(bytes(A))), 0, call(l2, "MyIngress.flood", port(1))));
    assertThat(ports(sw.process(1, frame))).containsExactly(2, 3);
    assertThat(sw.counter("MyIngress.port_counter").read(6).packets()).isEqualTo(1);
  }

  @Test
  void compiledFeaturesMatchHashAndPop() {
    List<Digest> digests = new ArrayList<>();
    Switch sw =
        Switch.load(
            Fixtures.resource("compiled/features.json"),
            SwitchConfig.defaults().withDigests(digests::add));
    MatchTable acl = sw.table("MyIngress.acl");
    acl.insert(
        new TableEntry(
            Arrays.asList(new KeyMatch.Ternary(bytes("0806"), bytes("ffff")), null),
            1,
            call(acl, "MyIngress.acl_set_port", port(3))));
    acl.insert(
        new TableEntry(
            Arrays.asList(null, new KeyMatch.Ternary(bytes("0b"), bytes("ff"))),
            2,
            call(acl, "MyIngress.acl_set_port", port(4))));
    assertThat(ports(sw.process(1, Fixtures.ethernet(A, B, 0x0806, 4)))).containsExactly(4);
    assertThat(ports(sw.process(1, Fixtures.ethernet(A, A, 0x0806, 4)))).containsExactly(3);

    byte[] frame = Fixtures.ethernet("123456789abc", "000000000064", 0x0800, 4);
    sw.process(1, frame);
    var scratch = sw.register("MyIngress.scratch");
    CRC32 crc = new CRC32();
    crc.update(frame, 0, 12);
    assertThat(new java.math.BigInteger(1, scratch.get(0)).longValue()).isEqualTo(crc.getValue());
    assertThat(scratch.get(1)[3] & 0xff).isEqualTo(255);
    assertThat(scratch.get(3)).isEqualTo(bytes("12345678"));
    assertThat(scratch.get(4)[3]).isEqualTo((byte) 1);

    MatchTable opt = sw.table("MyIngress.opt");
    opt.insert(
        new TableEntry(
            List.of(new KeyMatch.Exact(port(2)), new KeyMatch.Optional(bytes(A))),
            1,
            call(opt, "MyIngress.pop_tag", port(5))));
    opt.insert(
        new TableEntry(
            Arrays.asList(new KeyMatch.Exact(port(3)), null), 1, call(opt, "MyIngress.learn")));
    List<OutputPacket> out = sw.process(2, bytes(A + B + "8100 0001 8100 0002 0806 cafe"));
    assertThat(ports(out)).containsExactly(5);
    assertThat(out.get(0).bytes()).isEqualTo(bytes(A + B + "8100 0002 0806 cafe"));
    sw.process(3, Fixtures.ethernet(A, B, 0x0806, 4));
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).values()).containsExactly(bytes(B), port(3));

    ActionProfile selector = sw.actionProfile("MyIngress.ecmp_selector");
    MatchTable ecmp = sw.table("MyIngress.ecmp");
    selector.insertMember(1, call(ecmp, "MyIngress.set_port", port(11)));
    selector.insertMember(2, call(ecmp, "MyIngress.set_port", port(12)));
    selector.insertGroup(
        new ActionProfile.Group(
            7,
            List.of(new ActionProfile.GroupMember(1, 1), new ActionProfile.GroupMember(2, 1)),
            4));
    ecmp.insert(
        new TableEntry(List.of(new KeyMatch.Exact(bytes("88cc"))), 0, new EntryAction.Group(7)));
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 32; i++) {
      seen.addAll(
          ports(
              sw.process(1, Fixtures.ethernet(A, String.format("0000000001%02x", i), 0x88cc, 4))));
    }
    assertThat(seen).containsExactlyInAnyOrder(11, 12);
  }

  @Test
  void compiledClientTestProgramLoadsWithAllItsObjects() {
    Switch sw =
        Switch.load(
            Fixtures.resource("compiled/client_test.json"),
            SwitchConfig.defaults().withCpuPort(255));
    assertThat(sw.program().tables())
        .containsKeys(
            "TestIngress.exact_table",
            "TestIngress.lpm_table",
            "TestIngress.ternary_table",
            "TestIngress.range_table",
            "TestIngress.optional_table",
            "TestIngress.ecmp_table");
    assertThat(sw.table("TestIngress.exact_table").hasDirectCounter()).isTrue();
    assertThat(sw.table("TestIngress.exact_table").supportsTimeout()).isTrue();
    assertThat(sw.table("TestIngress.lpm_table").supportsTimeout()).isFalse();
    assertThat(sw.table("TestIngress.ternary_table").hasDirectMeter()).isTrue();
    assertThat(sw.actionProfile("TestIngress.ecmp_selector").hasSelector()).isTrue();
    MatchTable exact = sw.table("TestIngress.exact_table");
    exact.insert(
        new TableEntry(
            List.of(new KeyMatch.Exact(bytes(A))),
            0,
            call(exact, "TestIngress.set_port_counted", port(7))));
    assertThat(ports(sw.process(1, Fixtures.ethernet(A, B, 0x0806, 4)))).containsExactly(7);
    assertThat(ports(sw.process(1, Fixtures.ethernet(A, B, 0x88cc, 4)))).containsExactly(255);
  }
}
