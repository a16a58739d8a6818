package net.vdn.p4runtime.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.vdn.p4runtime.Fixtures;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.proto.config.v1.P4Info;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class P4InfoIndexTest {
  private final P4InfoIndex index = Fixtures.unitP4Info();

  @Test
  void findsObjectsByFullOrUniqueShortName() {
    assertThat(index.table("Ingress.routes").id()).isEqualTo(33554434);
    assertThat(index.table("routes").id()).isEqualTo(33554434);
    assertThat(index.action("set_port").name()).isEqualTo("Ingress.set_port");
    assertThat(index.table("Ingress.fwd").field("dst_addr").getId()).isEqualTo(1);
    assertThat(index.table("Ingress.fwd").field("ethernet.dst_addr").getId()).isEqualTo(1);
    assertThat(index.action("set_port").param("port").getBitwidth()).isEqualTo(9);
    assertThat(index.counter("port_counter").getSize()).isEqualTo(512);
    assertThat(index.meter("port_meter").getPreamble().getId()).isEqualTo(335544321);
    assertThat(index.register("last_seen").getSize()).isEqualTo(256);
    assertThat(index.actionProfile("ecmp_selector").getWithSelector()).isTrue();
    assertThat(index.directCounter("fwd_counter").getDirectTableId()).isEqualTo(33554433);
    assertThat(index.packetMetadata("packet_out").fields().get("egress_port").getBitwidth())
        .isEqualTo(9);
  }

  @Test
  void ambiguousShortNameListsTheCandidates() {
    assertThatThrownBy(() -> index.table("fwd"))
        .isInstanceOf(P4InfoException.class)
        .hasMessageContaining("ambiguous table 'fwd'")
        .hasMessageContaining("Ingress.fwd")
        .hasMessageContaining("Egress.fwd");
  }

  @Test
  void unknownNameSaysWhatWasAskedAndWhere() {
    assertThatThrownBy(() -> index.table("nope"))
        .isInstanceOf(P4InfoException.class)
        .hasMessageContaining("unknown table 'nope'");
    assertThatThrownBy(() -> index.table("routes").field("dst_mac"))
        .hasMessageContaining("unknown match field 'dst_mac' of table 'Ingress.routes'");
    assertThatThrownBy(() -> index.action("set_port").param("prt"))
        .hasMessageContaining("unknown parameter 'prt' of action 'Ingress.set_port'")
        .hasMessageContaining("known: port");
    assertThatThrownBy(() -> index.digest("learn")).hasMessageContaining("the program has none");
  }

  @Test
  void loadsTextAndBinaryFiles(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("p.txtpb");
    Files.write(text, Fixtures.bytes("unit.p4info.txtpb"));
    Path binary = dir.resolve("p.bin");
    Files.write(binary, index.p4info().toByteArray());
    assertThat(P4InfoIndex.load(text).p4info()).isEqualTo(index.p4info());
    assertThat(P4InfoIndex.load(binary).p4info()).isEqualTo(index.p4info());
  }

  @Test
  void refusesGarbageAndInconsistentP4Info(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage");
    Files.write(garbage, new byte[] {(byte) 0xff, 0x00, 0x13, 0x37});
    assertThatThrownBy(() -> P4InfoIndex.load(garbage)).isInstanceOf(P4InfoException.class);
    assertThatThrownBy(() -> P4InfoIndex.fromText("tables { preamble { id: 1 "))
        .isInstanceOf(P4InfoException.class)
        .hasMessageContaining("not a text P4Info");
    P4Info dangling =
        index.p4info().toBuilder()
            .setTables(
                0,
                index.p4info().getTables(0).toBuilder()
                    .addActionRefs(
                        net.vdn.p4runtime.proto.config.v1.ActionRef.newBuilder().setId(99)))
            .build();
    assertThatThrownBy(() -> P4InfoIndex.of(dangling))
        .hasMessageContaining("refers to action id 99");
    P4Info duplicate = index.p4info().toBuilder().addActions(index.p4info().getActions(0)).build();
    assertThatThrownBy(() -> P4InfoIndex.of(duplicate))
        .hasMessageContaining("two actions named 'Ingress.set_port'");
  }
}
