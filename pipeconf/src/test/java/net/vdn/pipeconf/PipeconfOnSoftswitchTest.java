package net.vdn.pipeconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PacketIn;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.Value;
import net.vdn.pipeconf.rule.SliceRule;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slice rules translated by the pipeconf, written over P4Runtime to a softswitch running the
 * slicing pipeline, and checked with frames: a switch with slice 10 on edge ports 1 and 2, slice 20
 * on edge port 3, and both slices on trunk port 4.
 */
class PipeconfOnSoftswitchTest {
  private static final String H1 = "000000000001";
  private static final String H2 = "000000000002";
  private static final String H3 = "000000000003";

  private SoftswitchDevice device;
  private P4RuntimeClient client;
  private final LinkedBlockingQueue<Object[]> out = new LinkedBlockingQueue<>();
  private final SliceRuleTranslator translator = new SliceRuleTranslator();

  @BeforeEach
  void start() throws Exception {
    device = new SoftswitchDevice(1, SlicingNames.CPU_PORT);
    device.onEgress((port, frame) -> out.add(new Object[] {port, frame}));
    int port = device.serve("127.0.0.1", 0);
    client = P4RuntimeClient.connect(ClientOptions.builder("127.0.0.1:" + port).build());
    assertThat(client.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    assertThat(client.ensurePipeline(SlicingPipeline.config())).isTrue();
    List<SliceRule> rules =
        List.of(
            SliceRule.Classify.edge(1, 10),
            SliceRule.Classify.edge(2, 10),
            SliceRule.Classify.edge(3, 20),
            SliceRule.Classify.trunk(4, 10),
            SliceRule.Classify.trunk(4, 20),
            new SliceRule.Tag(1, 10, false),
            new SliceRule.Tag(2, 10, false),
            new SliceRule.Tag(3, 20, false),
            new SliceRule.Tag(4, 10, true),
            new SliceRule.Tag(4, 20, true),
            new SliceRule.ForwardL2(10, "00:00:00:00:00:02", 2),
            new SliceRule.ForwardL2(20, "00:00:00:00:00:02", 4),
            new SliceRule.Flood(10, List.of(1, 2, 4)),
            new SliceRule.Flood(20, List.of(3, 4)),
            new SliceRule.Meter(10, 125_000_000, 1_000_000, 125_000_000, 1_000_000),
            new SliceRule.Count(10),
            new SliceRule.Punt(0x88cc, false));
    List<Update> updates = new ArrayList<>();
    rules.forEach(r -> updates.addAll(translator.install(r)));
    client
        .write(updates, P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR)
        .results()
        .forEach(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  @AfterEach
  void stop() {
    client.close();
    device.close();
  }

  private static byte[] frame(String dst, String src) {
    return HexFormat.of()
        .parseHex(dst + src + "0800" + "45000014000000004011" + "0000" + "0a000001" + "0a000002");
  }

  private List<Integer> portsOut() throws InterruptedException {
    List<Integer> ports = new ArrayList<>();
    Object[] o = out.poll(2, TimeUnit.SECONDS);
    while (o != null) {
      ports.add((Integer) o[0]);
      o = out.poll(200, TimeUnit.MILLISECONDS);
    }
    return ports;
  }

  @Test
  void knownDestinationLeavesOnItsPortInItsSliceOnly() throws Exception {
    device.receive(1, frame(H2, H1));
    assertThat(portsOut()).containsExactly(2);
    // The same destination MAC in slice 20 is reached over the trunk, never on slice 10's port.
    device.receive(3, frame(H2, H3));
    assertThat(portsOut()).containsExactly(4);
  }

  @Test
  void floodingStaysInTheSliceAndTheTrunkCarriesTheSliceTag() throws Exception {
    device.receive(1, frame("ffffffffffff", H1));
    List<Object[]> copies = new ArrayList<>();
    Object[] o = out.poll(2, TimeUnit.SECONDS);
    while (o != null) {
      copies.add(o);
      o = out.poll(200, TimeUnit.MILLISECONDS);
    }
    assertThat(copies).extracting(c -> (Integer) c[0]).containsExactlyInAnyOrder(2, 4);
    byte[] trunk =
        (byte[]) copies.stream().filter(c -> (Integer) c[0] == 4).findFirst().orElseThrow()[1];
    assertThat(HexFormat.of().formatHex(trunk, 12, 16)).isEqualTo("8100000a");
  }

  @Test
  void slicesAreCountedAndLldpIsPunted() throws Exception {
    device.receive(1, frame(H2, H1));
    assertThat(portsOut()).containsExactly(2);
    var ingress =
        client.read(
            net.vdn.p4runtime.ReadQuery.key(
                new net.vdn.p4runtime.entity.CounterEntry(SlicingNames.SLICE_INGRESS, 10, null)));
    assertThat(((net.vdn.p4runtime.entity.CounterEntry) ingress.get(0)).data().packets())
        .isEqualTo(1);
    byte[] lldp = HexFormat.of().parseHex("0180c200000e" + H1 + "88cc" + "0000".repeat(23));
    device.receive(2, lldp);
    PacketIn in = client.packetIns().poll(Duration.ofSeconds(2));
    assertThat(in).isNotNull();
    assertThat(in.get("ingress_port")).isEqualTo(Value.of(2));
    assertThat(portsOut()).isEmpty();
  }
}
