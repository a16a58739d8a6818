package net.vdn.optical.tl1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.optical.tl1.internal.Tl1Parser;
import org.junit.jupiter.api.Test;

class Tl1GrammarTest {

  static List<Tl1Message> parse(String text) {
    return new Tl1Parser(1 << 16).feed(text);
  }

  @Test
  void commandsEncodeWithEmptyGeneralBlockAndQuotedValues() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("CKTID", "slice 42: \"gold\"");
    p.put("FREQ", "193100000");
    p.put("POWER", "-1.50");
    Tl1Command c = Tl1Command.of("ENT-CRS-OCH", "NE1", "CLIENT-1,LINE-1", "17").withParams(p);
    assertThat(c.encode())
        .isEqualTo(
            "ENT-CRS-OCH:NE1:CLIENT-1,LINE-1:17::CKTID=\"slice 42: \\\"gold\\\"\",FREQ=193100000,POWER=-1.50;");
    assertThat(Tl1Command.of("RTRV-HDR", "", "", "1").encode()).isEqualTo("RTRV-HDR:::1;");
    assertThat(
            Tl1Command.of("ACT-USER", "NE1", "admin", "9").withParams(Map.of("", "pw;x")).encode())
        .isEqualTo("ACT-USER:NE1:admin:9::\"pw;x\";");
  }

  @Test
  void commandsRefuseWhatTl1CannotCarry() {
    assertThatThrownBy(() -> Tl1Command.of("ENT-CRS-OCH", "NE1", "A:B", "1"))
        .hasMessageContaining("aid");
    assertThatThrownBy(() -> Tl1Command.of("ENT-CRS-OCH", "NE1", "A", "1234567"))
        .hasMessageContaining("ctag");
    assertThatThrownBy(() -> Tl1Command.of("ent crs", "NE1", "A", "1"))
        .hasMessageContaining("code");
    assertThatThrownBy(
            () ->
                Tl1Command.of("ENT-X", "", "", "1").withParams(Map.of("K", "line\nbreak")).encode())
        .hasMessageContaining("value");
  }

  @Test
  void completedResponseWithQuotedLinesAndEscapes() {
    List<Tl1Message> m =
        parse(
            "\r\n\n   NE1 25-01-15 10:00:00\r\nM  17 COMPLD\r\n"
                + "   \"CLIENT-1,LINE-1:CKTID=\\\"a,b:c\\\",FREQ=193100000\"\r\n"
                + "   /* two lines */\r\n"
                + "   \"CLIENT-2,LINE-1:CKTID=\\\"x\\\\y\\\"\"\r\n;");
    assertThat(m).hasSize(1);
    Tl1Message.Response r = (Tl1Message.Response) m.getFirst();
    assertThat(r.sid()).isEqualTo("NE1");
    assertThat(r.ctag()).isEqualTo("17");
    assertThat(r.status()).isEqualTo(Tl1Message.Status.COMPLD);
    assertThat(r.continued()).isFalse();
    assertThat(r.comments()).containsExactly("two lines");
    assertThat(r.lines())
        .containsExactly(
            "CLIENT-1,LINE-1:CKTID=\"a,b:c\",FREQ=193100000", "CLIENT-2,LINE-1:CKTID=\"x\\y\"");
    Tl1Line first = r.parsedLines().getFirst();
    assertThat(first.aid()).isEqualTo("CLIENT-1,LINE-1");
    assertThat(first.params()).containsEntry("CKTID", "a,b:c").containsEntry("FREQ", "193100000");
    assertThat(r.parsedLines().get(1).params()).containsEntry("CKTID", "x\\y");
  }

  @Test
  void denyCarriesItsErrorCode() {
    Tl1Message.Response r =
        (Tl1Message.Response)
            parse(
                    "\r\n\n   NE1 25-01-15 10:00:00\r\nM  5 DENY\r\n   IIAC\r\n   /* Invalid AID */\r\n;")
                .getFirst();
    assertThat(r.status()).isEqualTo(Tl1Message.Status.DENY);
    assertThat(r.errorCode()).isEqualTo("IIAC");
    assertThat(r.comments()).containsExactly("Invalid AID");
  }

  @Test
  void terminatorsInsideQuotesAndCommentsDoNotEndTheMessage() {
    List<Tl1Message> m =
        parse(
            "\r\n\n   NE1 25-01-15 10:00:00\r\nM  3 COMPLD\r\n   \"A:X=\\\"1;2>3<4\\\"\"\r\n"
                + "   /* ; > < */\r\n;");
    assertThat(m).hasSize(1);
    assertThat(((Tl1Message.Response) m.getFirst()).lines()).containsExactly("A:X=\"1;2>3<4\"");
  }

  @Test
  void continuationBlocksAndSeveralMessagesInOneRead() {
    String block = "\r\n\n   NE1 25-01-15 10:00:00\r\nM  8 COMPLD\r\n   \"L%d\"\r\n";
    List<Tl1Message> m =
        parse(block.formatted(1) + ">" + block.formatted(2) + ">" + block.formatted(3) + ";");
    assertThat(m).hasSize(3);
    assertThat(m).allMatch(x -> x instanceof Tl1Message.Response r && r.ctag().equals("8"));
    assertThat(((Tl1Message.Response) m.get(0)).continued()).isTrue();
    assertThat(((Tl1Message.Response) m.get(1)).continued()).isTrue();
    assertThat(((Tl1Message.Response) m.get(2)).continued()).isFalse();
  }

  @Test
  void autonomousMessagesWithEveryAlarmCode() {
    String text = "";
    for (String code : List.of("*C", "**", "* ", "A ")) {
      text +=
          "\r\n\n   \"NE 1\" 25-01-15 10:00:00\r\n"
              + code
              + " 101 REPT ALM EQPT\r\n   \"LINE-1:CR,LOS,SA,,,NEND,RCV:\\\"Loss of signal\\\"\"\r\n;";
    }
    List<Tl1Message> m = parse(text);
    assertThat(m).hasSize(4).allMatch(x -> x instanceof Tl1Message.Autonomous);
    List<String> codes = new ArrayList<>();
    for (Tl1Message x : m) {
      Tl1Message.Autonomous a = (Tl1Message.Autonomous) x;
      codes.add(a.alarmCode());
      assertThat(a.sid()).isEqualTo("NE 1");
      assertThat(a.atag()).isEqualTo("101");
      assertThat(a.verb()).isEqualTo("REPT ALM EQPT");
      Tl1Line line = a.parsedLines().getFirst();
      assertThat(line.aid()).isEqualTo("LINE-1");
      assertThat(line.block(1)).containsExactly("CR", "LOS", "SA", "", "", "NEND", "RCV");
      assertThat(line.block(2)).containsExactly("Loss of signal");
    }
    assertThat(codes).containsExactly("*C", "**", "*", "A");
  }

  @Test
  void acknowledgments() {
    List<Tl1Message> m = parse("IP 12\r\n<NA 13\r\n<");
    assertThat(m)
        .containsExactly(
            new Tl1Message.Acknowledgment("IP", "12"), new Tl1Message.Acknowledgment("NA", "13"));
  }

  @Test
  void messagesSplitAcrossReadsAtEveryPosition() {
    String text =
        "\r\n\n   NE1 25-01-15 10:00:00\r\nM  4 COMPLD\r\n   \"A:B=\\\"q;\\\"\"\r\n;"
            + "\r\n\n   NE1 25-01-15 10:00:01\r\n*C 7 REPT ALM EQPT\r\n   \"X:CR\"\r\n;";
    for (int cut = 0; cut <= text.length(); cut++) {
      Tl1Parser p = new Tl1Parser(1 << 16);
      List<Tl1Message> m = new ArrayList<>(p.feed(text.substring(0, cut)));
      m.addAll(p.feed(text.substring(cut)));
      assertThat(m).as("cut at %d", cut).hasSize(2);
      assertThat(m.get(0)).isInstanceOf(Tl1Message.Response.class);
      assertThat(m.get(1)).isInstanceOf(Tl1Message.Autonomous.class);
    }
  }

  @Test
  void garbageIsReportedAndParsingResumesAfterIt() {
    String good = "\r\n\n   NE1 25-01-15 10:00:00\r\nM  4 COMPLD\r\n;";
    List<Tl1Message> m =
        parse(
            "#$%&!garbage;"
                + "\r\n\n   NE1 25-01-15\r\nM  4 COMPLD\r\n;" // header without time
                + "\r\n\n   NE1 25-01-15 10:00:00\r\nX  4 WHAT\r\n;" // bad identification
                + "\r\n\n   NE1 25-01-15 10:00:00\r\nM  4 COMPLD\r\n   \"unterminated\r\n;"
                + "\r\n\n   NE1 25-01-15 10:00:00\r\n*C 1 REPT ALM EQPT\r\n>" // autonomous with >
                + "junk 1\r\n<"
                + good);
    assertThat(m).hasSize(7);
    assertThat(m.subList(0, 6)).allMatch(x -> x instanceof Tl1Message.Malformed);
    assertThat(m.get(6)).isInstanceOf(Tl1Message.Response.class);
  }

  @Test
  void endlessGarbageIsCutAtTheSizeLimit() {
    Tl1Parser p = new Tl1Parser(1000);
    List<Tl1Message> m = p.feed("x".repeat(2500));
    assertThat(m).hasSize(2).allMatch(x -> x instanceof Tl1Message.Malformed);
    assertThat(p.feed("\r\n\n   NE1 25-01-15 10:00:00\r\nM  1 COMPLD\r\n;").getLast())
        .isInstanceOf(Tl1Message.Malformed.class); // the tail of the garbage is still in front
    assertThat(p.feed("\r\n\n   NE1 25-01-15 10:00:00\r\nM  1 COMPLD\r\n;"))
        .singleElement()
        .isInstanceOf(Tl1Message.Response.class);
  }
}
