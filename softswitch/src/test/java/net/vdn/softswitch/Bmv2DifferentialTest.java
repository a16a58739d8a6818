package net.vdn.softswitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same packets through BMv2's {@code simple_switch} (reading and writing pcap files) and
 * through the softswitch, and requires byte-identical output. Skipped when simple_switch is not on
 * PATH.
 */
@RequiresBinary(
    value = "simple_switch",
    howToGet = "build BMv2 (p4lang/behavioral-model) and put it on PATH")
class Bmv2DifferentialTest {
  @TempDir Path dir;

  private static Path simpleSwitch() {
    return Programs.find("simple_switch").orElseThrow();
  }

  /** The router with default actions that forward everything to port 2, so no CLI is needed. */
  private static byte[] routerForwardingByDefault(String resource) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Fixtures.resource(resource));
    setDefault(root, "MyIngress.ipv4_lpm", "MyIngress.ipv4_forward", "0x000000000042", "0x0002");
    setDefault(root, "MyIngress.l2_exact", "MyIngress.set_port", "0x0002");
    return mapper.writeValueAsBytes(root);
  }

  /** Sets a table's default entry by table and action name (JSON ids differ between programs). */
  private static void setDefault(ObjectNode root, String table, String action, String... data) {
    for (JsonNode pipeline : root.get("pipelines")) {
      for (JsonNode t : pipeline.get("tables")) {
        if (t.get("name").asText().equals(table)) {
          ObjectNode d = ((ObjectNode) t).putObject("default_entry");
          d.put("action_id", actionId(root, t, action));
          d.put("action_const", false);
          ArrayNode params = d.putArray("action_data");
          for (String v : data) {
            params.add(v);
          }
          d.put("action_entry_const", false);
          return;
        }
      }
    }
    throw new IllegalArgumentException("no table " + table);
  }

  private static int actionId(ObjectNode root, JsonNode table, String action) {
    for (JsonNode id : table.get("action_ids")) {
      for (JsonNode a : root.get("actions")) {
        if (a.get("id").asInt() == id.asInt() && a.get("name").asText().equals(action)) {
          return id.asInt();
        }
      }
    }
    throw new IllegalArgumentException("no action " + action + " in " + table.get("name"));
  }

  private static List<byte[]> packets() {
    List<byte[]> packets = new ArrayList<>();
    String a = "00000000000a";
    String b = "00000000000b";
    packets.add(
        Fixtures.ipv4Packet(a, b, Fixtures.ip(192, 168, 0, 1), Fixtures.ip(10, 1, 2, 3), 64));
    packets.add(
        Fixtures.ipv4Packet(a, b, Fixtures.ip(192, 168, 0, 1), Fixtures.ip(10, 1, 2, 3), 0));
    byte[] badChecksum =
        Fixtures.ipv4Packet(a, b, Fixtures.ip(1, 1, 1, 1), Fixtures.ip(8, 8, 8, 8), 1);
    badChecksum[25] ^= 1;
    packets.add(badChecksum);
    packets.add(Fixtures.ethernet(a, b, 0x0806, 28));
    packets.add(java.util.Arrays.copyOf(Fixtures.ethernet(a, b, 0x0800, 10), 24));
    packets.add(Fixtures.bytes("00000000000a0000"));
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      byte[] junk = new byte[14 + random.nextInt(50)];
      random.nextBytes(junk);
      if (i % 2 == 0) {
        junk[12] = 0x08;
        junk[13] = 0x00;
      }
      packets.add(junk);
    }
    return packets;
  }

  /**
   * features.json with const entries and default actions (ternary priorities, a header stack pop)
   * and extra writes of the hash, saturated sum, meter color and 128-bit shift into the frame.
   */
  private static byte[] featuresWithConstEntries() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Fixtures.resource("features.json"));
    ArrayNode act = (ArrayNode) root.at("/actions/12/primitives");
    act.add(
        mapper.readTree(
            """
            {"op": "assign", "parameters": [
              {"type": "field", "value": ["ethernet", "dstAddr"]},
              {"type": "expression", "value": {"type": "expression", "value": {"op": "&",
                "left": {"type": "expression", "value": {"op": "|",
                  "left": {"type": "expression", "value": {"op": "<<",
                    "left": {"type": "field", "value": ["scalars", "hash_0"]},
                    "right": {"type": "hexstr", "value": "0x10"}}},
                  "right": {"type": "expression", "value": {"op": "|",
                    "left": {"type": "expression", "value": {"op": "<<",
                      "left": {"type": "field", "value": ["scalars", "sat_0"]},
                      "right": {"type": "hexstr", "value": "0x08"}}},
                    "right": {"type": "field", "value": ["scalars", "color_0"]}}}}},
                "right": {"type": "hexstr", "value": "0xffffffffffff"}}}}]}
            """));
    act.add(
        mapper.readTree(
            """
            {"op": "assign", "parameters": [
              {"type": "field", "value": ["ethernet", "srcAddr"]},
              {"type": "expression", "value": {"type": "expression", "value": {"op": "&",
                "left": {"type": "expression", "value": {"op": ">>",
                  "left": {"type": "field", "value": ["scalars", "wide_0"]},
                  "right": {"type": "hexstr", "value": "0x48"}}},
                "right": {"type": "hexstr", "value": "0xffffffffffff"}}}}]}
            """));
    ArrayNode aclEntries = ((ObjectNode) root.at("/pipelines/0/tables/1")).putArray("entries");
    aclEntries.add(
        mapper.readTree(
            """
            {"match_key": [{"match_type": "ternary", "key": "0x0000", "mask": "0x0000"},
                           {"match_type": "ternary", "key": "0x00000000000b", "mask": "0x0000000000ff"}],
             "action_entry": {"action_id": 8, "action_data": []}, "priority": 1}
            """));
    aclEntries.add(
        mapper.readTree(
            """
            {"match_key": [{"match_type": "ternary", "key": "0x0806", "mask": "0xffff"},
                           {"match_type": "ternary", "key": "0x000000000000", "mask": "0x000000000000"}],
             "action_entry": {"action_id": 4, "action_data": ["0x0003"]}, "priority": 2}
            """));
    // BMv2 sizes a table with const entries by their number; its direct meter must match.
    ((ObjectNode) root.at("/pipelines/0/tables/1")).put("max_size", 2);
    ((ObjectNode) root.at("/meter_arrays/1")).put("size", 2);
    ObjectNode optDefault = (ObjectNode) root.at("/pipelines/0/tables/4/default_entry");
    optDefault.put("action_id", 11);
    optDefault.putArray("action_data").add("0x0002");
    return mapper.writeValueAsBytes(root);
  }

  private static List<byte[]> featurePackets() {
    List<byte[]> packets = new ArrayList<>();
    String[] tags = {"", "8100 0001", "8100 0001 8100 0002", "8100 0001 8100 0002 8100 0003"};
    for (String src : new String[] {"00000000000b", "0000000001c8", "123456789abc"}) {
      for (String t : tags) {
        for (String type : new String[] {"0806", "0800", "88cc"}) {
          packets.add(
              Fixtures.bytes("a1a2a3a4a5a6" + src + (t.isEmpty() ? "" : t) + type + "cafe"));
        }
      }
    }
    return packets;
  }

  @Test
  void featuresOutputIsByteIdenticalToBmv2() throws Exception {
    compare(simpleSwitch(), featuresWithConstEntries(), featurePackets());
  }

  @Test
  void routerOutputIsByteIdenticalToBmv2() throws Exception {
    compare(simpleSwitch(), routerForwardingByDefault("router.json"), packets());
  }

  @Test
  void compiledRouterOutputIsByteIdenticalToBmv2() throws Exception {
    compare(simpleSwitch(), routerForwardingByDefault("compiled/router.json"), packets());
  }

  @Test
  void compiledFeaturesOutputIsByteIdenticalToBmv2() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(Fixtures.resource("compiled/features.json"));
    setDefault(root, "MyIngress.acl", "MyIngress.acl_set_port", "0x0003");
    setDefault(root, "MyIngress.opt", "MyIngress.pop_tag", "0x0002");
    compare(simpleSwitch(), mapper.writeValueAsBytes(root), featurePackets());
  }

  /** Sends {@code in} to port 1 of both targets and compares what leaves ports 0 to 3. */
  private void compare(Path simpleSwitch, byte[] program, List<byte[]> in) throws Exception {
    Switch sw = Switch.load(program, SwitchConfig.defaults());
    List<List<String>> expected = new ArrayList<>();
    for (int port = 0; port < 4; port++) {
      expected.add(new ArrayList<>());
    }
    int total = 0;
    for (byte[] p : in) {
      for (OutputPacket o : sw.process(1, p)) {
        assertThat(o.port()).isBetween(0, 3);
        expected.get(o.port()).add(HexFormat.of().formatHex(o.bytes()));
        total++;
      }
    }
    assertThat(total).isPositive();
    Files.write(dir.resolve("prog.json"), program);
    Pcap.write(dir.resolve("p1_in.pcap"), in);
    for (int port : new int[] {0, 2, 3}) {
      Pcap.write(dir.resolve("p" + port + "_in.pcap"), List.of());
    }
    int thriftPort = FreePorts.tcp();
    Process bmv2 =
        new ProcessBuilder(
                simpleSwitch.toString(),
                "--thrift-port",
                String.valueOf(thriftPort),
                "--device-id",
                String.valueOf(thriftPort),
                "--use-files",
                "1",
                "-i",
                "0@p0",
                "-i",
                "1@p1",
                "-i",
                "2@p2",
                "-i",
                "3@p3",
                "prog.json")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("bmv2.log").toFile())
            .start();
    List<List<String>> actual = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      do {
        Thread.sleep(200);
        actual = outputs();
      } while (actual.stream().mapToInt(List::size).sum() < total
          && bmv2.isAlive()
          && System.nanoTime() < deadline);
      Thread.sleep(300);
      actual = outputs();
    } finally {
      Programs.stop(bmv2);
    }
    for (int port = 0; port < 4; port++) {
      assertThat(actual.get(port))
          .as("port %d (BMv2 log: %s)", port, dir.resolve("bmv2.log"))
          .containsExactlyElementsOf(expected.get(port));
    }
  }

  private List<List<String>> outputs() throws IOException {
    List<List<String>> out = new ArrayList<>();
    for (int port = 0; port < 4; port++) {
      out.add(
          Pcap.read(dir.resolve("p" + port + "_out.pcap")).stream()
              .map(p -> HexFormat.of().formatHex(p))
              .toList());
    }
    return out;
  }
}
