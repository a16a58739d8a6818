package net.vdn.softswitch.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.program.UnsupportedFeatureException;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.PacketFault;
import net.vdn.softswitch.runtime.Phv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String LAYOUT =
      """
      {"header_types": [
         {"name": "m_t", "id": 0, "fields": [["a", 8, false], ["b", 8, false], ["w", 128, false],
                                              ["x", 64, false], ["s", 8, true], ["c", 32, false]]},
         {"name": "h_t", "id": 1, "fields": [["v", 16, false]]}],
       "headers": [
         {"name": "m", "id": 0, "header_type": "m_t", "metadata": true},
         {"name": "st[0]", "id": 1, "header_type": "h_t", "metadata": false},
         {"name": "st[1]", "id": 2, "header_type": "h_t", "metadata": false}],
       "header_stacks": [{"name": "st", "id": 0, "header_type": "h_t", "header_ids": [1, 2]}]}
      """;

  private Layout layout;
  private ExprCompiler compiler;
  private Phv phv;
  private Json ctx;

  @BeforeEach
  void setUp() throws Exception {
    Json root = new Json(MAPPER.readTree(LAYOUT), "program");
    layout = new Layout(root);
    compiler = new ExprCompiler(layout, name -> null);
    phv = new Phv(layout.slots(), layout.headers().size(), layout.stacks().size());
    ctx = root;
  }

  private FieldInfo field(String name) {
    return layout.findHeader("m").field(name);
  }

  private void set(String name, long v) {
    phv.f[field(name).slot()] = v;
  }

  private static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private BigInteger eval(String expr) {
    return compiler.data(json(expr), ctx, ParamLayout.NONE).big(phv);
  }

  private void assign(String dst, String src) {
    compiler
        .lvalue(json(dst), ctx, ParamLayout.NONE)
        .assign(phv, compiler.data(json(src), ctx, ParamLayout.NONE));
  }

  private static String f(String name) {
    return "{'type': 'field', 'value': ['m', '" + name + "']}";
  }

  private static String hex(String v) {
    return "{'type': 'hexstr', 'value': '" + v + "'}";
  }

  private static String op(String op, String left, String right) {
    return "{'type': 'expression', 'value': {'op': '"
        + op
        + "', 'left': "
        + left
        + ", 'right': "
        + right
        + "}}";
  }

  @Test
  void additionWrapsToTheDestinationWidth() {
    set("a", 250);
    assign(f("b"), op("+", f("a"), hex("0x0a")));
    assertThat(phv.f[field("b").slot()]).isEqualTo(4);
  }

  @Test
  void subtractionBelowZeroWrapsWhenMasked() {
    set("a", 3);
    assertThat(eval(op("&", op("-", f("a"), hex("0x05")), hex("0xff"))))
        .isEqualTo(BigInteger.valueOf(254));
  }

  @Test
  void comparisonsUseInfinitePrecisionOn64BitFields() {
    set("x", -1L);
    set("c", 5);
    assertThat(compiler.cond(json(op(">", f("x"), f("c"))), ctx, ParamLayout.NONE).test(phv))
        .isTrue();
    assertThat(eval(op(">>", f("x"), hex("0x3c")))).isEqualTo(BigInteger.valueOf(15));
  }

  @Test
  void wideFieldsKeepAll128Bits() {
    assign(
        f("w"),
        op("&", op("<<", hex("0x01"), hex("0x7f")), hex("0xffffffffffffffffffffffffffffffff")));
    assertThat(Bits.toBig(phv.f, field("w").slot(), 2)).isEqualTo(BigInteger.ONE.shiftLeft(127));
    assign(f("w"), op("+", f("w"), f("w")));
    assertThat(Bits.toBig(phv.f, field("w").slot(), 2)).isZero();
  }

  @Test
  void saturatingCastsClampUnsignedAndSigned() {
    set("a", 200);
    String usat =
        "{'type': 'expression', 'value': {'op': 'usat_cast', 'left': "
            + op("+", f("a"), hex("0x64"))
            + ", 'right': "
            + hex("0x8")
            + "}}";
    assertThat(eval(usat)).isEqualTo(BigInteger.valueOf(255));
    String underflow =
        "{'type': 'expression', 'value': {'op': 'usat_cast', 'left': "
            + op("-", hex("0x01"), f("a"))
            + ", 'right': "
            + hex("0x8")
            + "}}";
    assertThat(eval(underflow)).isZero();
    String sat =
        "{'type': 'expression', 'value': {'op': 'sat_cast', 'left': "
            + op("+", hex("0x70"), hex("0x70"))
            + ", 'right': "
            + hex("0x8")
            + "}}";
    assertThat(eval(sat)).isEqualTo(BigInteger.valueOf(127));
  }

  @Test
  void twoCompModAndSignedFieldsSignExtend() {
    String mod =
        "{'type': 'expression', 'value': {'op': 'two_comp_mod', 'left': "
            + hex("-0x81")
            + ", 'right': "
            + hex("0x8")
            + "}}";
    assertThat(eval(mod)).isEqualTo(BigInteger.valueOf(127));
    String mod2 =
        "{'type': 'expression', 'value': {'op': 'two_comp_mod', 'left': "
            + hex("0x101")
            + ", 'right': "
            + hex("0x8")
            + "}}";
    assertThat(eval(mod2)).isEqualTo(BigInteger.ONE);
    set("s", 0xfe);
    assertThat(eval(f("s"))).isEqualTo(BigInteger.valueOf(-2));
  }

  @Test
  void ternaryOperatorAndBooleanConversions() {
    set("a", 9);
    String cond = op("==", f("a"), hex("0x09"));
    String choice =
        "{'type': 'expression', 'value': {'op': '?', 'left': "
            + hex("0x03")
            + ", 'right': "
            + hex("0x04")
            + ", 'cond': "
            + cond
            + "}}";
    assertThat(eval(choice)).isEqualTo(BigInteger.valueOf(3));
    assertThat(eval(op("b2d", "null", op("not", "null", cond)))).isZero();
    assertThat(compiler.cond(json(op("d2b", "null", f("a"))), ctx, ParamLayout.NONE).test(phv))
        .isTrue();
  }

  @Test
  void shiftsBeyondTheWordWidthGiveZero() {
    set("c", 1);
    assertThat(eval(op("&", op("<<", f("c"), hex("0x40")), hex("0xffffffff")))).isZero();
    assertThat(eval(op("<<", f("c"), hex("0x40")))).isEqualTo(BigInteger.ONE.shiftLeft(64));
  }

  @Test
  void stackAccessByRuntimeIndexAndItsBounds() {
    String deref =
        "{'type': 'expression', 'value': {'op': 'dereference_header_stack', 'left': {'type': 'header_stack', 'value': 'st'}, 'right': "
            + f("a")
            + "}}";
    String access =
        "{'type': 'expression', 'value': {'op': 'access_field', 'left': "
            + deref
            + ", 'right': 0}}";
    set("a", 1);
    assign(access, hex("0xbeef"));
    assertThat(phv.f[layout.findHeader("st[1]").field("v").slot()]).isEqualTo(0xbeef);
    assertThat(eval(access)).isEqualTo(BigInteger.valueOf(0xbeef));
    set("a", 2);
    assertThatThrownBy(() -> eval(access)).isSameAs(PacketFault.STACK_OUT_OF_BOUNDS);
    phv.stackNext[0] = 2;
    assertThat(
            eval(
                "{'type': 'expression', 'value': {'op': 'last_stack_index', 'left': null, 'right': {'type': 'header_stack', 'value': 'st'}}}"))
        .isEqualTo(BigInteger.ONE);
  }

  @Test
  void validityReadsTheHeaderFlag() {
    String valid = "{'type': 'field', 'value': ['st[0]', '$valid$']}";
    assertThat(eval(valid)).isZero();
    phv.valid[layout.findHeader("st[0]").index()] = true;
    assertThat(eval(valid)).isEqualTo(BigInteger.ONE);
  }

  @Test
  void refusesUnknownOperatorsNamingThem() {
    assertThatThrownBy(() -> eval(op("**", f("a"), f("b"))))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("unsupported expression op '**'");
  }
}
