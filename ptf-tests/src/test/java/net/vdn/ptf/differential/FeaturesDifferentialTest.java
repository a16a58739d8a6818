package net.vdn.ptf.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.Value;
import net.vdn.p4runtime.entity.ActionCall;
import net.vdn.p4runtime.entity.ActionProfileMember;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.Replica;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.ReceivedFrame;
import net.vdn.ptf.bmv2.Bmv2Switch;
import net.vdn.ptf.softswitch.SoftswitchDataplane;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;

/**
 * features.p4 (range and optional matches, an action selector, a direct meter, ingress and egress
 * clones, multicast with replica ids, resubmit, truncate) programmed identically over P4Runtime on
 * BMv2 and on the softswitch, fed the same frames: every frame out of every port must be the same,
 * byte for byte.
 */
@RequiresBinary(
    value = Bmv2Switch.BINARY,
    howToGet = "install BMv2 with PI support to compare it with the softswitch")
class FeaturesDifferentialTest {
  private static final String DST_A = "0000000000aa";

  private static Path program(String name) throws URISyntaxException {
    return Path.of(FeaturesDifferentialTest.class.getResource("/programs/" + name).toURI());
  }

  private static List<Entity> entries() {
    return List.of(
        TableEntry.in("MyIngress.port_range")
            .range("std.ingress_port", Value.of(1), Value.of(2))
            .priority(1)
            .action("MyIngress.set_port", "port", 4)
            .build(),
        TableEntry.in("MyIngress.opt")
            .exact("std.ingress_port", Value.of(1))
            .optional("hdr.ethernet.dstAddr", Value.hex(DST_A))
            .priority(2)
            .action("MyIngress.set_mcast", "grp", 7)
            .build(),
        TableEntry.in("MyIngress.opt")
            .exact("std.ingress_port", Value.of(2))
            .priority(1)
            .action("MyIngress.clone_it")
            .build(),
        TableEntry.in("MyIngress.opt")
            .exact("std.ingress_port", Value.of(3))
            .priority(1)
            .action("MyIngress.resubmit_it")
            .build(),
        new MulticastGroup(7, List.of(new Replica(5, 1), new Replica(6, 2))),
        new CloneSession(5, List.of(new Replica(3, 0)), 0, 0),
        new CloneSession(6, List.of(new Replica(7, 0)), 0, 0),
        new ActionProfileMember(
            "MyIngress.ecmp_selector", 1, ActionCall.of("MyIngress.set_port", "port", 8)),
        TableEntry.in("MyIngress.ecmp")
            .exact("hdr.ethernet.etherType", Value.of(0x0800))
            .member(1)
            .build(),
        TableEntry.in("MyIngress.acl")
            .ternary("hdr.ethernet.etherType", Value.of(0x0801), Value.ones(16))
            .priority(1)
            .action("MyIngress.acl_drop")
            .build(),
        TableEntry.in("MyEgress.by_port")
            .exact("std.egress_port", Value.of(5))
            .action("MyEgress.tag_rid")
            .build(),
        TableEntry.in("MyEgress.by_port")
            .exact("std.egress_port", Value.of(6))
            .action("MyEgress.clone_e2e")
            .build(),
        TableEntry.in("MyEgress.by_port")
            .exact("std.egress_port", Value.of(8))
            .action("MyEgress.trunc", "len", 20)
            .build());
  }

  /** (ingress port, frame) pairs that walk through every action above. */
  private static List<Object[]> frames() {
    HexFormat hex = HexFormat.of();
    List<Object[]> out = new ArrayList<>();
    String payload = "00".repeat(46);
    out.add(new Object[] {1, hex.parseHex(DST_A + "000000000001" + "1234" + payload)}); // multicast
    out.add(
        new Object[] {
          1, hex.parseHex("0000000000bb" + "000000000001" + "1234" + payload)
        }); // range
    out.add(
        new Object[] {
          2, hex.parseHex("0000000000cc" + "000000000002" + "1234" + payload)
        }); // clone
    out.add(
        new Object[] {
          3, hex.parseHex("0000000000dd" + "000000000003" + "0800" + payload)
        }); // resubmit
    out.add(
        new Object[] {
          4, hex.parseHex("0000000000ee" + "000000000004" + "0800" + payload)
        }); // ecmp, trunc
    out.add(
        new Object[] {
          4, hex.parseHex("0000000000ee" + "000000000004" + "0801" + payload)
        }); // acl drop
    return out;
  }

  /** Programs a target, sends the frames one at a time, returns what came out, by frame. */
  private static Map<Integer, List<String>> run(DataplaneTarget target, Path p4info, Path json)
      throws Exception {
    ConcurrentLinkedQueue<ReceivedFrame> out = new ConcurrentLinkedQueue<>();
    target.receive(out::add);
    var index = P4InfoIndex.fromText(Files.readString(p4info, StandardCharsets.UTF_8));
    try (var client =
        P4RuntimeClient.connect(
            ClientOptions.builder(target.p4runtimeAddress()).deviceId(target.deviceId()).build())) {
      client.awaitPrimary(Duration.ofSeconds(10));
      client.setPipeline(
          PipelineConfig.of(index.p4info(), Files.readAllBytes(json)),
          P4RuntimeClient.PipelineAction.VERIFY_AND_COMMIT);
      client.insert(entries().toArray(Entity[]::new));
      Map<Integer, List<String>> byFrame = new TreeMap<>();
      List<Object[]> frames = frames();
      for (int i = 0; i < frames.size(); i++) {
        target.send((Integer) frames.get(i)[0], (byte[]) frames.get(i)[1]);
        Thread.sleep(400);
        List<String> got = new ArrayList<>();
        ReceivedFrame f;
        while ((f = out.poll()) != null) {
          got.add(f.port() + ":" + HexFormat.of().formatHex(f.bytes()));
        }
        got.sort(String::compareTo);
        byFrame.put(i, got);
      }
      return byFrame;
    }
  }

  @Test
  void everyFrameOutOfEveryPortIsTheSameOnBmv2AndTheSoftswitch() throws Exception {
    Path p4info = program("features.p4info.txtpb");
    Path json = program("features.json");
    Map<Integer, List<String>> bmv2;
    try (DataplaneTarget t = Bmv2Switch.start(json, 8)) {
      bmv2 = run(t, p4info, json);
    }
    Map<Integer, List<String>> softswitch;
    try (DataplaneTarget t = new SoftswitchDataplane()) {
      softswitch = run(t, p4info, json);
    }
    assertThat(softswitch).isEqualTo(bmv2);
    // The program did something for each frame: copies, clones, a resubmit, a drop.
    assertThat(bmv2.get(0))
        .as("multicast to 5 and 6, and an egress clone of 6's copy to 7")
        .hasSize(3);
    assertThat(bmv2.get(2)).as("the original to 4 and an ingress clone to 3").hasSize(2);
    assertThat(bmv2.get(5)).as("dropped by the ACL").isEmpty();
    // Resubmitted (then sent by the selector's member) and plain selector traffic leave port 8.
    // (BMv2 leaves these frames at their full 60 bytes despite truncate(20); so does the
    // softswitch.)
    assertThat(bmv2.get(3)).singleElement().satisfies(f -> assertThat(f).startsWith("8:"));
    assertThat(bmv2.get(4)).singleElement().satisfies(f -> assertThat(f).startsWith("8:"));
  }
}
