package net.vdn.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.device.DeviceState;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.ElectionId;
import net.vdn.p4runtime.NotPrimaryException;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.proto.v1.WriteRequest;
import net.vdn.pipeconf.SliceRuleTranslator;
import net.vdn.pipeconf.rule.SliceRule;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller cut off from etcd (its heartbeat stops, its lease expires) loses its devices to the
 * others at a higher term; it stops writing by itself, and a write under the term it held is
 * refused by the switch. When etcd is back it joins again.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class FencingTest {
  @TempDir Path dir;

  @Test
  void aControllerWhoseLeaseExpiredIsDeposedAndItsWritesAreRefused() throws Exception {
    try (ClusterFixture f = ClusterFixture.start(1, ControllerFixture.SQUARE, dir);
        TcpProxy proxy = new TcpProxy(URI.create(f.etcd.endpoint(0)).getPort())) {
      ControllerOptions viaProxy =
          f.options("c1")
              .withCluster(
                  new ClusterConfig(
                      "c1",
                      List.of("http://127.0.0.1:" + proxy.port()),
                      "/vdn/",
                      Duration.ofSeconds(1),
                      Duration.ofMillis(100),
                      Duration.ofMillis(800),
                      Duration.ofSeconds(2)));
      Controller c1 = f.startHere(viaProxy);
      f.awaitMastered("c1", List.of("c1"), Duration.ofSeconds(15));
      f.startHere("c2");
      ControllerFixture.await(
          () -> f.readyMasters("c2").values().stream().distinct().count() == 2,
          Duration.ofSeconds(15),
          () -> "masters: " + f.cluster("c2"));
      assertThat(f.master("c2", "s1")).isEqualTo("c1");
      long held = f.term("c2", "s1");

      proxy.cut();
      ControllerFixture.await(
          () -> "c2".equals(f.master("c2", "s1")) && f.readyMasters("c2").containsKey("s1"),
          Duration.ofSeconds(10),
          () -> "masters: " + f.cluster("c2"));
      assertThat(f.term("c2", "s1")).isGreaterThan(held);
      assertThat(c1.services().devices().device("s1").orElseThrow().state())
          .as("the cut-off controller writes no more")
          .isNotEqualTo(DeviceState.AVAILABLE);
      Http.Answer refused =
          f.api("c1").post("/api/v1/slices", ControllerFixture.slice("x", "x", 300, 20, 1_000_000));
      assertThat(refused.code()).as(refused.text()).isEqualTo(503);

      // A write under the term c1 held, sent to the switch as is: the switch refuses it.
      var s1 = f.net.topology().switchNamed("s1");
      try (P4RuntimeClient stale =
          P4RuntimeClient.connect(
              ClientOptions.builder(f.net.p4runtimeAddress("s1"))
                  .deviceId(s1.deviceId())
                  .electionId(new ElectionId(held, 0))
                  .build())) {
        stale.fetchP4Info();
        assertThat(stale.isPrimary()).isFalse();
        WriteRequest.Builder w =
            WriteRequest.newBuilder()
                .setDeviceId(s1.deviceId())
                .setElectionId(new ElectionId(held, 0).toProto());
        new SliceRuleTranslator()
            .install(SliceRule.Classify.edge(20, 300))
            .forEach(u -> w.addUpdates(stale.codec().encode(u)));
        assertThatThrownBy(() -> stale.writeRaw(w.build()))
            .isInstanceOf(NotPrimaryException.class)
            .hasMessageContaining("refused");
      }
      assertThat(Switches.classified(f.net, "s1")).doesNotContain(300);

      // etcd back: c1 joins again and takes its share back, at new terms.
      proxy.heal();
      ControllerFixture.await(
          () -> f.readyMasters("c2").values().stream().distinct().count() == 2,
          Duration.ofSeconds(20),
          () -> "masters: " + f.cluster("c2"));
      f.awaitLinks("c1", 8, Duration.ofSeconds(15));
      Http.Answer a =
          f.api("c1")
              .post("/api/v1/slices", ControllerFixture.slice("a", "a", 101, 10, 10_000_000));
      assertThat(a.code()).as(a.text()).isEqualTo(201);
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();
    }
  }
}
