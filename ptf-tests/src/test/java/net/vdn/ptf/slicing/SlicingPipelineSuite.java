package net.vdn.ptf.slicing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.P4RuntimeClient.PipelineAction;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.ptf.ControlPlane;
import net.vdn.ptf.Dataplane;
import net.vdn.ptf.DataplaneTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every slicing suite shares: one target per test class running the committed pipeline, its
 * state reset before each test (no entries, no groups, zero counters, unset meters), and helpers
 * that write the pipeline's entries by name.
 *
 * <p>The switch the tests build: slice A (id 10) on edge ports 1 and 2, slice B (id 20) on edge
 * ports 3 and 5, both slices on trunk port 4 (tagged with their id). Port 6 is an edge port whose
 * frames are classified by 5-tuple; port 7 has no classifier entry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SlicingPipelineSuite {
  static final int PORTS = 8;
  static final int SLICE_A = 10;
  static final int SLICE_B = 20;
  static final int A1 = 1;
  static final int A2 = 2;
  static final int B1 = 3;
  static final int TRUNK = 4;
  static final int B2 = 5;
  static final int FIVE_TUPLE_PORT = 6;
  static final int NO_SLICE_PORT = 7;
  static final int CPU_CLONE_SESSION = 511;

  static final String HOST_1 = "00:00:00:00:00:01";
  static final String HOST_2 = "00:00:00:00:00:02";
  static final String HOST_3 = "00:00:00:00:00:03";
  static final String HOST_5 = "00:00:00:00:00:05";
  static final String ROUTER = "00:00:00:00:0a:0a";
  static final String BROADCAST = "ff:ff:ff:ff:ff:ff";

  private final DataplaneTarget.Factory factory;
  private DataplaneTarget target;
  private P4RuntimeClient client;
  private PipelineConfig pipeline;
  protected Dataplane dataplane;
  protected ControlPlane control;

  protected SlicingPipelineSuite(DataplaneTarget.Factory factory) {
    this.factory = factory;
  }

  @BeforeAll
  void startTarget() throws Exception {
    pipeline = PipelineConfig.load(resource("slicing.p4info.txtpb"), resource("slicing.json"));
    target = factory.start();
    client =
        P4RuntimeClient.connect(
            ClientOptions.builder(target.p4runtimeAddress())
                .deviceId(target.deviceId())
                .electionId(10)
                .build());
    if (!client.awaitPrimary(Duration.ofSeconds(10))) {
      throw new IllegalStateException("never became primary on " + target);
    }
    client.setPipeline(pipeline, PipelineAction.VERIFY_AND_COMMIT);
    control = new ControlPlane(client);
    dataplane = new Dataplane(target);
  }

  @AfterAll
  void stopTarget() {
    if (client != null) {
      client.close();
    }
    if (target != null) {
      target.close();
    }
  }

  /** Empty tables and PRE, zero counters, unset meters, nothing queued. */
  @BeforeEach
  void resetSwitch() {
    control.resetState();
    dataplane.drain();
    control.drainPacketIns();
  }

  static Path resource(String name) throws IOException, URISyntaxException {
    URL url = SlicingPipelineSuite.class.getResource("/p4src/" + name);
    if (url == null) {
      throw new IOException("p4src/build/" + name + " is not on the test class path");
    }
    try (InputStream ignored = url.openStream()) {
      return Path.of(url.toURI());
    }
  }

  // ---------------------------------------------------------------- entries, by name

  /** Every frame on {@code port} joins {@code slice} with traffic class {@code tc}. */
  void classifyPort(int port, int slice, int tc) {
    client.insert(
        TableEntry.in("slice_classifier")
            .exact("ingress_port", port)
            .priority(10)
            .action("set_slice", "slice_id", slice, "tc", tc)
            .build());
  }

  /** Frames on {@code port} tagged with {@code vid} join {@code slice}. */
  void classifyVlan(int port, int vid, int slice) {
    client.insert(
        TableEntry.in("slice_classifier")
            .exact("ingress_port", port)
            .ternary("vlan_valid", Value.of(1), Value.of(1))
            .ternary("vlan_id", Value.of(vid), Value.ones(12))
            .priority(20)
            .action("set_slice", "slice_id", slice, "tc", 0)
            .build());
  }

  void l2(int slice, String mac, int port) {
    client.insert(
        TableEntry.in("slice_fwd_l2")
            .exact("slice_id", slice)
            .exact("eth_dst", Value.mac(mac))
            .action("fwd", "port", port)
            .build());
  }

  void route(int slice, String prefix, int length, int port, String srcMac, String dstMac) {
    client.insert(
        TableEntry.in("slice_fwd_l3")
            .exact("slice_id", slice)
            .lpm("ipv4_dst", Value.ip(prefix), length)
            .action(
                "route", "port", port, "src_mac", Value.mac(srcMac), "dst_mac", Value.mac(dstMac))
            .build());
  }

  void route6(int slice, String prefix, int length, int port, String srcMac, String dstMac) {
    client.insert(
        TableEntry.in("slice_fwd_l3_v6")
            .exact("slice_id", slice)
            .lpm("ipv6_dst", Value.ip(prefix), length)
            .action(
                "route", "port", port, "src_mac", Value.mac(srcMac), "dst_mac", Value.mac(dstMac))
            .build());
  }

  /**
   * Frames tagged {@code vid} on edge port {@code port} join {@code slice}: a port+VLAN endpoint.
   */
  void customerVlan(int port, int vid, int slice) {
    client.insert(
        TableEntry.in("customer_vlan")
            .exact("ingress_port", port)
            .exact("vlan_id", vid)
            .action("from_customer_vlan", "slice_id", slice, "tc", 0)
            .build());
  }

  /** Frames of {@code slice} leave {@code port} tagged with the customer's {@code vid}. */
  void toCustomerVlan(int port, int slice, int vid) {
    client.insert(
        TableEntry.in("egress_vlan")
            .exact("egress_port", port)
            .exact("slice_id", slice)
            .action("to_customer_vlan", "customer_vid", vid)
            .build());
  }

  /** Floods {@code slice} through multicast group {@code slice} to {@code ports}. */
  void flood(int slice, int... ports) {
    List<Replica> replicas = new ArrayList<>();
    for (int p : ports) {
      replicas.add(new Replica(p, 1));
    }
    client.insert(new MulticastGroup(slice, replicas));
    client.insert(
        TableEntry.in("slice_flood")
            .exact("slice_id", slice)
            .action("flood", "group", slice)
            .build());
  }

  /** Frames of {@code slice} leave {@code port} untagged. */
  void edge(int port, int slice) {
    egress(port, slice, "pop_tag");
  }

  /** Frames of {@code slice} leave {@code port} tagged with the slice id. */
  void trunk(int port, int slice) {
    egress(port, slice, "push_tag");
  }

  private void egress(int port, int slice, String action) {
    client.insert(
        TableEntry.in("egress_vlan")
            .exact("egress_port", port)
            .exact("slice_id", slice)
            .action(action)
            .build());
  }

  /** Frames of {@code etherType} go to the controller: punted, or copied when {@code copy}. */
  void toController(int etherType, boolean copy) {
    client.insert(
        TableEntry.in("punt")
            .ternary("ether_type", Value.of(etherType), Value.ones(16))
            .priority(10)
            .action(copy ? "copy_to_cpu" : "punt_to_cpu")
            .build());
    if (copy) {
      client.insert(
          new CloneSession(CPU_CLONE_SESSION, List.of(new Replica(target.cpuPort(), 1)), 0, 0));
    }
  }

  /**
   * The two-slice switch of the class comment: classification of the edge and trunk ports, edge and
   * trunk egress, and flooding within each slice. No forwarding entries.
   */
  void twoSlices() {
    classifyPort(A1, SLICE_A, 0);
    classifyPort(A2, SLICE_A, 0);
    classifyPort(B1, SLICE_B, 0);
    classifyPort(B2, SLICE_B, 0);
    classifyVlan(TRUNK, SLICE_A, SLICE_A);
    classifyVlan(TRUNK, SLICE_B, SLICE_B);
    edge(A1, SLICE_A);
    edge(A2, SLICE_A);
    edge(B1, SLICE_B);
    edge(B2, SLICE_B);
    trunk(TRUNK, SLICE_A);
    trunk(TRUNK, SLICE_B);
    flood(SLICE_A, A1, A2, TRUNK);
    flood(SLICE_B, B1, B2, TRUNK);
  }

  int cpuPort() {
    return target.cpuPort();
  }
}
