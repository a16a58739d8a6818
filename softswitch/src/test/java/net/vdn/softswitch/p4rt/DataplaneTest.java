package net.vdn.softswitch.p4rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.softswitch.port.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device's workers: flows keep their order, a full queue drops at the input and counts. */
class DataplaneTest {
  private static final String DST = "00:00:00:00:00:02";
  private static final int FLOWS = 8;

  private final SoftswitchDevice device = new SoftswitchDevice(1, 255, 2);
  private final ConcurrentLinkedQueue<byte[]> out = new ConcurrentLinkedQueue<>();
  private P4RuntimeClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    device.close();
  }

  /** The switch forwards frames to DST out of port 2, and the test collects them. */
  private void programmed() throws Exception {
    device.ports().add(1, "1", 10_000_000_000L);
    device.ports().add(2, "2", 10_000_000_000L);
    device.onEgress((port, frame) -> out.add(frame));
    int port = device.serve("127.0.0.1", 0);
    client = P4RuntimeClient.connect(ClientOptions.builder("127.0.0.1:" + port).build());
    assertThat(client.awaitPrimary(Duration.ofSeconds(5))).isTrue();
    var p4info =
        P4InfoIndex.fromText(
            new String(Fixtures.bytes("client_test.p4info.txtpb"), StandardCharsets.UTF_8));
    client.ensurePipeline(PipelineConfig.of(p4info.p4info(), Fixtures.bytes("client_test.json")));
    client.insert(
        TableEntry.in("TestIngress.exact_table")
            .exact("dst_addr", Value.mac(DST))
            .action("TestIngress.set_port_counted", "port", 2)
            .build());
  }

  /** A frame of flow {@code flow} (its source MAC) carrying {@code seq}. */
  private static byte[] frame(int flow, int seq) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put(new byte[] {0, 0, 0, 0, 0, 2});
    b.put(new byte[] {0, 0, 0, 0, 1, (byte) flow});
    b.putShort((short) 0x88b5);
    b.putInt(seq);
    return b.array();
  }

  private void awaitOut(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (out.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void framesOfOneFlowLeaveInTheOrderTheyCameWhateverWorkerTakesThem() throws Exception {
    programmed();
    assertThat(device.workers()).isEqualTo(2);
    int perFlow = 500;
    for (int seq = 0; seq < perFlow; seq++) {
      for (int flow = 0; flow < FLOWS; flow++) {
        device.receive(1, frame(flow, seq));
      }
    }
    awaitOut(FLOWS * perFlow);
    assertThat(out).hasSize(FLOWS * perFlow);
    Map<Integer, Integer> last = new HashMap<>();
    for (byte[] f : out) {
      int flow = f[11];
      int seq = ByteBuffer.wrap(f, 14, 4).getInt();
      assertThat(seq).as("flow %d", flow).isEqualTo(last.getOrDefault(flow, -1) + 1);
      last.put(flow, seq);
    }
    assertThat(device.droppedFrames()).isZero();
  }

  @Test
  void aFullQueueDropsFramesAtTheInputAndCountsThemAsInDiscards() throws Exception {
    programmed();
    int sent = 2 * SoftswitchDevice.QUEUE_FRAMES + 2_000;
    // While the control plane holds the engine, the workers process nothing: the queues fill.
    device.engine().lock().lock();
    try {
      for (int i = 0; i < sent; i++) {
        device.receive(1, frame(i % FLOWS, i / FLOWS));
      }
    } finally {
      device.engine().lock().unlock();
    }
    long dropped = device.droppedFrames();
    // At most a full queue and a batch in hand per worker are kept.
    assertThat(dropped)
        .isGreaterThanOrEqualTo(sent - 2L * (SoftswitchDevice.QUEUE_FRAMES + Dataplane.BATCH));
    awaitOut((int) (sent - dropped));
    Thread.sleep(100);
    assertThat(out).hasSize((int) (sent - dropped));
    Ports.Counters c = device.ports().byNumber(1).counters();
    assertThat(c.inDiscards.get()).isEqualTo(dropped);
    assertThat(c.inPackets.get()).isEqualTo(sent - dropped);
    assertThat(c.inOctets.get()).isEqualTo((sent - dropped) * 64);
    assertThat(device.ports().byNumber(2).counters().outPackets.get()).isEqualTo(sent - dropped);
  }
}
