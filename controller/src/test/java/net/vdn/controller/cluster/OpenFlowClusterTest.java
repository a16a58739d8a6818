package net.vdn.controller.cluster;

import static net.vdn.controller.ControllerFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.Controller;
import net.vdn.controller.Http;
import net.vdn.openflow.it.Ovs;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Open vSwitch bridge connected to two controllers of a cluster: one is its MASTER (the role
 * request's generation id is the device's term), the other SLAVE; when the master leaves, the other
 * becomes MASTER at a higher term.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class OpenFlowClusterTest {
  private static final long DPID = 0x00000000000c0001L;
  private static final String NAME = String.format("of:%016x", DPID);

  @TempDir Path dir;

  private static String roles(Ovs ovs, String bridge) throws Exception {
    return ovs.vsctl("--format=csv", "--columns=target,role", "list", "controller");
  }

  private static JsonNode mastership(Http api) {
    for (JsonNode m : api.get("/api/v1/cluster").json().get("masters")) {
      if (m.get("device").asText().equals(NAME)) {
        return m;
      }
    }
    return null;
  }

  @Test
  void aSwitchHasOneMasterAtItsTermAndTheOtherControllerTakesOverWhenItLeaves() throws Exception {
    Ovs.assumeAvailable();
    try (EtcdMembers etcd = EtcdMembers.start(1, dir);
        Ovs ovs = Ovs.start()) {
      ClusterFixture.Members members = new ClusterFixture.Members(etcd);
      Controller c1 = Controller.start(members.options("c1").withOpenFlow(0));
      Controller c2 = Controller.start(members.options("c2").withOpenFlow(0));
      List<Controller> closed = new java.util.ArrayList<>();
      try {
        Http api = new Http(c2.restPort());
        String br = ovs.bridge(DPID, c1.openflowPort());
        ovs.vsctl(
            "--timeout=20",
            "set-controller",
            br,
            "tcp:127.0.0.1:" + c1.openflowPort(),
            "tcp:127.0.0.1:" + c2.openflowPort());
        await(
            () -> {
              JsonNode m = mastership(api);
              return m != null && m.get("ready").asBoolean();
            },
            Duration.ofSeconds(20),
            () -> api.get("/api/v1/cluster").text());
        JsonNode first = mastership(api);
        String master = first.get("master").asText();
        long term = first.get("term").asLong();
        await(
            () -> {
              try {
                String r = roles(ovs, br);
                return r.contains("master") && r.contains("slave");
              } catch (Exception e) {
                return false;
              }
            },
            Duration.ofSeconds(10),
            () -> {
              try {
                return roles(ovs, br);
              } catch (Exception e) {
                return e.toString();
              }
            });

        Controller leaving = master.equals("c1") ? c1 : c2;
        Controller staying = leaving == c1 ? c2 : c1;
        Http other = new Http(staying.restPort());
        leaving.close();
        closed.add(leaving);
        await(
            () -> {
              JsonNode m = mastership(other);
              return m != null
                  && !m.get("master").asText().equals(master)
                  && m.get("ready").asBoolean();
            },
            Duration.ofSeconds(20),
            () -> other.get("/api/v1/cluster").text());
        assertThat(mastership(other).get("term").asLong()).isGreaterThan(term);
        assertThat(other.get("/api/v1/devices/" + NAME).json().get("state").asText())
            .isEqualToIgnoringCase("available");
      } finally {
        for (Controller c : List.of(c1, c2)) {
          if (!closed.contains(c)) {
            c.close();
          }
        }
      }
    }
  }
}
