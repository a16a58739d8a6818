package net.vdn.softswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.program.UnsupportedFeatureException;
import net.vdn.softswitch.runtime.Phv;
import org.junit.jupiter.api.Test;

class ProgramLoadingTest {
  private static String router() {
    return new String(Fixtures.resource("router.json"), StandardCharsets.UTF_8);
  }

  private static Switch load(String json) {
    return Switch.load(json, SwitchConfig.defaults());
  }

  @Test
  void loadsTheRouterWithItsTablesAndExterns() {
    Switch sw = load(router());
    assertThat(sw.program().tables())
        .containsKeys("MyIngress.ipv4_lpm", "MyIngress.l2_exact", "tbl_act", "tbl_act_1");
    assertThat(sw.program().counters()).containsKey("MyIngress.port_counter");
    assertThat(sw.table("MyIngress.l2_exact").hasDirectCounter()).isTrue();
    assertThat(sw.program().errors()).containsEntry("PacketTooShort", 1);
  }

  @Test
  void refusesUnknownPrimitiveNamingTheAction() {
    String json = router().replaceFirst("\"op\": \"mark_to_drop\"", "\"op\": \"recirculate_all\"");
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("unsupported primitive 'recirculate_all' in action 'MyIngress.drop' (id 2)");
  }

  @Test
  void refusesExternInstancesNamingThem() {
    String json =
        router()
            .replace(
                "\"extern_instances\": []",
                "\"extern_instances\": [{\"name\": \"my_ext\", \"id\": 0, \"type\": \"crypto\","
                    + " \"attribute_values\": []}]");
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("extern instance 'my_ext' (id 0)");
  }

  @Test
  void refusesVariableLengthFields() {
    String json =
        mutate(
            root ->
                ((ArrayNode) root.at("/header_types/4/fields/2")).set(1, TextNode.valueOf("*")));
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("variable-length field 'etherType'")
        .hasMessageContaining("header_type 'ethernet_t'");
  }

  @Test
  void reportsSyntaxErrorsWithTheirPosition() {
    assertThatThrownBy(() -> load("{\"headers\": [}"))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("malformed JSON at line 1");
  }

  @Test
  void reportsMissingKeysNamingTheObject() {
    String json = mutate(root -> ((ObjectNode) root.at("/parsers/0")).remove("init_state"));
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(ProgramException.class)
        .hasMessage("parser 'parser' (id 0): missing key 'init_state'");
  }

  @Test
  void reportsUnknownFieldsNamingTheAction() {
    String json =
        mutate(
            root ->
                ((ArrayNode) root.at("/actions/4/primitives/3/parameters/0/value"))
                    .set(1, TextNode.valueOf("hops")));
    assertThatThrownBy(() -> load(json))
        .isInstanceOf(ProgramException.class)
        .hasMessageContaining("action 'MyIngress.ipv4_forward' (id 4)")
        .hasMessageContaining("unknown field 'hops' of header 'ipv4'");
  }

  @Test
  void reportsUnknownActionIdsNamingTheTable() {
    String json =
        mutate(
            root ->
                ((ArrayNode) root.at("/pipelines/0/tables/2/action_ids"))
                    .set(0, IntNode.valueOf(44)));
    assertThatThrownBy(() -> load(json))
        .hasMessage("table 'MyIngress.ipv4_lpm' (id 2): unknown action id 44 in 'action_ids'");
  }

  @Test
  void reportsUnknownNextNodesNamingTheConditional() {
    String json =
        mutate(
            root ->
                ((ObjectNode) root.at("/pipelines/0/conditionals/0"))
                    .put("true_next", "tbl_nowhere"));
    assertThatThrownBy(() -> load(json))
        .hasMessageContaining("conditional 'node_2' (id 0)")
        .hasMessageContaining("'true_next' names unknown table or conditional 'tbl_nowhere'");
  }

  @Test
  void reportsUnknownHeadersInParserOps() {
    String json =
        mutate(
            root ->
                ((ObjectNode) root.at("/parsers/0/parse_states/2/parser_ops/0/parameters/0"))
                    .put("value", "eth"));
    assertThatThrownBy(() -> load(json))
        .hasMessageContaining("parse state 'parse_ethernet'")
        .hasMessageContaining("unknown header 'eth'");
  }

  private static String mutate(java.util.function.Consumer<ObjectNode> change) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = (ObjectNode) mapper.readTree(router());
      change.accept(root);
      return mapper.writeValueAsString(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void truncatedPacketSetsPacketTooShortAndKeepsTheHeadersParsedSoFar() {
    Switch sw = load(router());
    Program program = sw.program();
    Phv p =
        new Phv(
            program.layout.slots(),
            program.layout.headers().size(),
            program.layout.stacks().size());
    byte[] packet =
        Fixtures.ipv4Packet(
            "000000000001", "000000000002", Fixtures.ip(1, 2, 3, 4), Fixtures.ip(5, 6, 7, 8), 3);
    p.packet = java.util.Arrays.copyOf(packet, 20);
    p.length = 20;
    program.parser.parse(p);
    FieldInfo error = program.std.parserError();
    assertThat(p.f[error.slot()]).isEqualTo(1);
    assertThat(p.valid[program.layout.findHeader("ethernet").index()]).isTrue();
    assertThat(p.valid[program.layout.findHeader("ipv4").index()]).isFalse();
    assertThat(p.cursor).isEqualTo(14);
  }

  @Test
  void wrongIpv4ChecksumSetsChecksumError() {
    Switch sw = load(router());
    Program program = sw.program();
    Phv p =
        new Phv(
            program.layout.slots(),
            program.layout.headers().size(),
            program.layout.stacks().size());
    byte[] packet =
        Fixtures.ipv4Packet(
            "000000000001", "000000000002", Fixtures.ip(1, 2, 3, 4), Fixtures.ip(5, 6, 7, 8), 3);
    p.packet = packet;
    p.length = packet.length;
    program.parser.parse(p);
    program.checksums.verify(p);
    FieldInfo error = program.std.checksumError();
    assertThat(p.f[error.slot()]).isZero();
    packet[24] ^= 1;
    p.reset();
    p.packet = packet;
    p.length = packet.length;
    program.parser.parse(p);
    program.checksums.verify(p);
    assertThat(p.f[error.slot()]).isEqualTo(1);
  }
}
