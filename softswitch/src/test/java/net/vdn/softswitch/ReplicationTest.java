package net.vdn.softswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.TableEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resubmit, recirculate, egress clones, truncation and egress drops of features.json. */
class ReplicationTest {
  private static final int RANGE_SET_PORT = 5;
  private static final int RESUBMIT = 14;
  private static final int CLONE_E2E = 15;
  private static final int RECIRCULATE = 16;
  private static final int TRUNCATE = 17;
  private static final int EGRESS_DROP = 18;
  private static final int TAG_RID = 19;
  private static final int SET_MCAST = 21;
  private static final String A = "00:00:00:00:00:0a";
  private static final String B = "00:00:00:00:00:0b";

  private Switch sw;

  @BeforeEach
  void load() {
    sw = Switch.load(Fixtures.resource("features.json"), SwitchConfig.defaults());
    // Every packet goes to port 2 unless an action says otherwise.
    sw.table("MyIngress.port_range")
        .insert(
            new TableEntry(
                List.of(new KeyMatch.Range(port(0), port(100))), 1, call(RANGE_SET_PORT, port(2))));
  }

  private static byte[] port(int p) {
    return new byte[] {(byte) (p >>> 8), (byte) p};
  }

  private static EntryAction.Call call(int action, byte[]... params) {
    return new EntryAction.Call(action, List.of(params));
  }

  private void onEgressPort(int port, EntryAction.Call action) {
    sw.table("MyEgress.by_port")
        .insert(new TableEntry(List.of(new KeyMatch.Exact(port(port))), 0, action));
  }

  @Test
  void resubmitRunsIngressAgainWithThePreservedFieldList() {
    sw.table("MyIngress.opt")
        .insert(
            new TableEntry(Arrays.asList(new KeyMatch.Exact(port(3)), null), 1, call(RESUBMIT)));
    List<OutputPacket> out = sw.process(3, Fixtures.ethernet(A, B, 0x0806, 4));
    assertThat(out).extracting(OutputPacket::port).containsExactly(2);
    assertThat(sw.register("MyIngress.scratch").get(5)[3]).isEqualTo((byte) 42);
  }

  @Test
  void recirculatedPacketReentersIngressWithTheDeparsedBytes() {
    onEgressPort(2, call(RECIRCULATE));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 4);
    List<OutputPacket> out = sw.process(1, frame);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).port()).isEqualTo(2);
    assertThat(out.get(0).bytes()).isEqualTo(frame);
    assertThat(sw.register("MyIngress.scratch").get(5)[3]).isEqualTo((byte) 7);
  }

  @Test
  void egressCloneCopiesThePacketToTheSessionAfterEgress() {
    sw.pre().insertSession(new CloneSession(6, List.of(new Replica(9, 1)), 0, 0));
    onEgressPort(2, call(CLONE_E2E));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 4);
    assertThat(sw.process(1, frame)).extracting(OutputPacket::port).containsExactly(9, 2);
  }

  @Test
  void cloneSessionTruncatesItsCopies() {
    sw.pre().insertSession(new CloneSession(6, List.of(new Replica(9, 1)), 0, 16));
    onEgressPort(2, call(CLONE_E2E));
    List<OutputPacket> out = sw.process(1, Fixtures.ethernet(A, B, 0x0806, 30));
    assertThat(out).extracting(o -> o.bytes().length).containsExactly(16, 44);
  }

  @Test
  void truncateCutsThePacketInEgress() {
    onEgressPort(2, call(TRUNCATE, new byte[] {0, 0, 0, 20}));
    byte[] frame = Fixtures.ethernet(A, B, 0x0806, 30);
    List<OutputPacket> out = sw.process(1, frame);
    assertThat(out.get(0).bytes()).isEqualTo(Arrays.copyOf(frame, 20));
  }

  @Test
  void markToDropInEgressDropsThePacket() {
    onEgressPort(2, call(EGRESS_DROP));
    assertThat(sw.process(1, Fixtures.ethernet(A, B, 0x0806, 4))).isEmpty();
  }

  @Test
  void multicastReplicasSeeTheirEgressPortAndRid() {
    sw.pre().insertGroup(new MulticastGroup(3, List.of(new Replica(4, 40), new Replica(5, 50))));
    sw.table("MyIngress.opt")
        .insert(
            new TableEntry(
                Arrays.asList(new KeyMatch.Exact(port(1)), null), 1, call(SET_MCAST, port(3))));
    onEgressPort(4, call(TAG_RID));
    onEgressPort(5, call(TAG_RID));
    List<String> seen = new ArrayList<>();
    for (OutputPacket o : sw.process(1, Fixtures.ethernet(A, B, 0x0806, 4))) {
      seen.add(o.port() + ":" + (o.bytes()[11] & 0xff));
    }
    assertThat(seen).containsExactly("4:40", "5:50");
  }
}
