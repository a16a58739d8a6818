package net.vdn.gnmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import net.vdn.gnmi.proto.Decimal64;
import net.vdn.gnmi.proto.Encoding;
import net.vdn.gnmi.proto.TypedValue;
import net.vdn.gnmi.proto.Value;
import net.vdn.gnmi.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GnmiValueTest {
  static Stream<Arguments> everyType() {
    return Stream.of(
        Arguments.of(GnmiValue.ofUint(42), TypedValue.ValueCase.UINT_VAL),
        Arguments.of(GnmiValue.ofInt(-7), TypedValue.ValueCase.INT_VAL),
        Arguments.of(GnmiValue.of(true), TypedValue.ValueCase.BOOL_VAL),
        Arguments.of(GnmiValue.of("UP"), TypedValue.ValueCase.STRING_VAL),
        Arguments.of(new GnmiValue.AsciiValue("show run"), TypedValue.ValueCase.ASCII_VAL),
        Arguments.of(new GnmiValue.DecimalValue(-1234, 2), TypedValue.ValueCase.DECIMAL_VAL),
        Arguments.of(GnmiValue.of(2.5e9), TypedValue.ValueCase.DOUBLE_VAL),
        Arguments.of(new GnmiValue.FloatValue(0.25f), TypedValue.ValueCase.FLOAT_VAL),
        Arguments.of(GnmiValue.of(new byte[] {0, -1, 7}), TypedValue.ValueCase.BYTES_VAL),
        Arguments.of(GnmiValue.json("{\"a\": [1, 2]}"), TypedValue.ValueCase.JSON_VAL),
        Arguments.of(
            GnmiValue.jsonIetf("{\"openconfig-interfaces:enabled\": true}"),
            TypedValue.ValueCase.JSON_IETF_VAL),
        Arguments.of(
            new GnmiValue.LeafListValue(List.of(GnmiValue.ofUint(1), GnmiValue.of("x"))),
            TypedValue.ValueCase.LEAFLIST_VAL));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("everyType")
  void encodesToItsOwnWireFieldAndDecodesBackEqual(GnmiValue value, TypedValue.ValueCase field)
      throws Exception {
    TypedValue wire = Wire.value(value);
    assertThat(wire.getValueCase()).isEqualTo(field);
    TypedValue reparsed = TypedValue.parseFrom(wire.toByteArray());
    assertThat(Wire.value(reparsed)).isEqualTo(value);
  }

  @Test
  void uintKeepsAllSixtyFourBits() {
    TypedValue wire = TypedValue.newBuilder().setUintVal(-1L).build();
    GnmiValue.UintValue v = (GnmiValue.UintValue) Wire.value(wire);
    assertThat(v.toBigInteger()).hasToString("18446744073709551615");
    assertThat(v).hasToString("18446744073709551615");
  }

  @Test
  void decimalKeepsDigitsAndPrecision() {
    GnmiValue.DecimalValue d = GnmiValue.DecimalValue.of(new BigDecimal("12.340"));
    assertThat(d).isEqualTo(new GnmiValue.DecimalValue(1234, 2));
    assertThat(d.toBigDecimal()).isEqualByComparingTo("12.34");
    assertThat(Wire.value(d).getDecimalVal())
        .isEqualTo(Decimal64.newBuilder().setDigits(1234).setPrecision(2).build());
    assertThat(GnmiValue.DecimalValue.of(new BigDecimal("1E+3"))).hasToString("1000");
  }

  @Test
  void refusesDecimalsOutsideDecimal64() {
    assertThatThrownBy(
            () -> GnmiValue.DecimalValue.of(new BigDecimal("123456789012345678901234567890")))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("does not fit decimal64");
    var wire =
        TypedValue.newBuilder()
            .setDecimalVal(Decimal64.newBuilder().setDigits(1).setPrecision(19))
            .build();
    assertThatThrownBy(() -> Wire.value(wire))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("precision 19 is outside 0..18");
    var huge =
        TypedValue.newBuilder()
            .setDecimalVal(Decimal64.newBuilder().setDigits(1).setPrecision(-1))
            .build();
    assertThatThrownBy(() -> Wire.value(huge)).hasMessageContaining("4294967295");
  }

  @Test
  void refusesAnyAndProtoBytesNamingTheType() {
    var any =
        TypedValue.newBuilder()
            .setAnyVal(Any.newBuilder().setTypeUrl("type.googleapis.com/x.Y"))
            .build();
    assertThatThrownBy(() -> Wire.value(any))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("any_val (type.googleapis.com/x.Y) is not supported");
    var proto = TypedValue.newBuilder().setProtoBytes(ByteString.copyFromUtf8("x")).build();
    assertThatThrownBy(() -> Wire.value(proto))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("proto_bytes is not supported");
  }

  @Test
  void refusesAnEmptyValueAndAValueTypeFromTheFuture() throws Exception {
    assertThatThrownBy(() -> Wire.value(TypedValue.getDefaultInstance()))
        .isInstanceOf(GnmiValueException.class)
        .hasMessage("TypedValue carries no value");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeUInt64(15, 3);
    out.flush();
    TypedValue future = TypedValue.parseFrom(bytes.toByteArray());
    assertThatThrownBy(() -> Wire.value(future))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("does not know (field [15])");
  }

  @Test
  void refusesJsonThatIsNotUtf8() {
    var bad =
        TypedValue.newBuilder().setJsonVal(ByteString.copyFrom(new byte[] {(byte) 0xff})).build();
    assertThatThrownBy(() -> Wire.value(bad)).hasMessageContaining("json_val is not valid UTF-8");
  }

  @Test
  @SuppressWarnings("deprecation")
  void decodesTheDeprecatedUntypedValueOfOldTargets() {
    var update =
        net.vdn.gnmi.proto.Update.newBuilder()
            .setValue(
                Value.newBuilder()
                    .setType(Encoding.JSON_IETF)
                    .setValue(ByteString.copyFromUtf8("\"UP\"")))
            .build();
    assertThat(Wire.value(update)).isEqualTo(GnmiValue.jsonIetf("\"UP\""));
  }

  @Test
  void bytesAreComparedByContentAndCopied() {
    byte[] raw = {1, 2};
    var v = new GnmiValue.BytesValue(raw);
    raw[0] = 9;
    assertThat(v).isEqualTo(GnmiValue.of(new byte[] {1, 2}));
    v.value()[1] = 9;
    assertThat(v.value()).containsExactly(1, 2);
    assertThat(v).hasToString("BytesValue[0102]");
  }

  @Test
  void leafListsHoldScalarsOnly() {
    assertThatThrownBy(() -> new GnmiValue.LeafListValue(List.of(GnmiValue.json("{}"))))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageContaining("scalars only");
  }

  @Test
  void notificationPathsJoinThePrefixAndBadValuesNameTheirPath() {
    var n =
        net.vdn.gnmi.proto.Notification.newBuilder()
            .setTimestamp(5)
            .setPrefix(Wire.path(GnmiPath.parse("/interfaces/interface[name=1]")))
            .addUpdate(
                net.vdn.gnmi.proto.Update.newBuilder()
                    .setPath(Wire.path(GnmiPath.parse("/state/oper-status")))
                    .setVal(TypedValue.newBuilder().setStringVal("UP")))
            .addDelete(Wire.path(GnmiPath.parse("/config/description")))
            .build();
    Notification decoded = Wire.notification(n);
    assertThat(decoded.timestampNanos()).isEqualTo(5);
    assertThat(decoded.updates())
        .containsExactly(
            new Notification.Update(
                GnmiPath.parse("/interfaces/interface[name=1]/state/oper-status"),
                GnmiValue.of("UP"),
                0));
    assertThat(decoded.deletes())
        .containsExactly(GnmiPath.parse("/interfaces/interface[name=1]/config/description"));
    var bad =
        n.toBuilder()
            .addUpdate(
                net.vdn.gnmi.proto.Update.newBuilder()
                    .setPath(Wire.path(GnmiPath.parse("/x")))
                    .setVal(TypedValue.getDefaultInstance()))
            .build();
    assertThatThrownBy(() -> Wire.notification(bad))
        .isInstanceOf(GnmiValueException.class)
        .hasMessageStartingWith("/interfaces/interface[name=1]/x: ");
  }
}
