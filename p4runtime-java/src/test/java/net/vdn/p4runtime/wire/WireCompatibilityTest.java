package net.vdn.p4runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.vdn.p4runtime.proto.config.v1.P4InfoProto;
import net.vdn.p4runtime.proto.config.v1.P4TypesProto;
import net.vdn.p4runtime.proto.v1.P4DataProto;
import net.vdn.p4runtime.proto.v1.P4RuntimeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that VDN's own P4Runtime declarations are wire-compatible with independently generated
 * classes (ONOS's), in both directions, for every message both define: each message is filled with
 * distinctive values (once per member of its largest oneof, so every kind of a oneof is sent),
 * encoded by one side, decoded by the other and compared field by field.
 */
class WireCompatibilityTest {
  private static final int MAX_DEPTH = 5;

  /**
   * Fields whose declared type changed between P4Runtime versions without changing the wire type.
   * The reference classes predate P4Runtime 1.3.
   */
  private static final Map<String, String> VERSION_DIFFERENCES =
      Map.of(
          "p4.v1.ActionProfileGroup.Member.watch",
          "int32 since P4Runtime 1.3, uint32 before; both are varints");

  /** A message type both sides define: our default instance and theirs. */
  record Pair(String name, Message ours, Message theirs, Descriptor schema) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Pair> sharedMessages() {
    List<Pair> pairs = new ArrayList<>();
    for (FileDescriptor file :
        List.of(
            P4RuntimeProto.getDescriptor(),
            P4DataProto.getDescriptor(),
            P4InfoProto.getDescriptor(),
            P4TypesProto.getDescriptor())) {
      for (Descriptor d : file.getMessageTypes()) {
        collect(d, pairs);
      }
    }
    return pairs.stream();
  }

  private static void collect(Descriptor d, List<Pair> out) {
    if (d.getOptions().getMapEntry()) {
      return;
    }
    Message ours = defaultInstance(ourClassName(d));
    Message theirs = defaultInstance(theirClassName(d));
    if (ours != null && theirs != null) {
      out.add(new Pair(d.getFullName(), ours, theirs, theirSchema(theirClassName(d))));
    }
    for (Descriptor nested : d.getNestedTypes()) {
      collect(nested, out);
    }
  }

  private static String nestedPath(Descriptor d) {
    String pkg = d.getFile().getPackage();
    return d.getFullName().substring(pkg.length() + 1).replace('.', '$');
  }

  private static String ourClassName(Descriptor d) {
    return d.getFile().getOptions().getJavaPackage() + "." + nestedPath(d);
  }

  private static String theirClassName(Descriptor d) {
    String outer =
        switch (d.getFile().getName()) {
          case "p4/v1/p4runtime.proto" -> "p4.v1.P4RuntimeOuterClass";
          case "p4/v1/p4data.proto" -> "p4.v1.P4DataOuterClass";
          case "p4/config/v1/p4info.proto" -> "p4.config.v1.P4InfoOuterClass";
          case "p4/config/v1/p4types.proto" -> "p4.config.v1.P4Types";
          default -> throw new IllegalArgumentException(d.getFile().getName());
        };
    return outer + "$" + nestedPath(d);
  }

  /** Their schema, from their static accessor (their reflection tables need newer gencode). */
  private static Descriptor theirSchema(String className) {
    try {
      return (Descriptor) Class.forName(className).getMethod("getDescriptor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(className, e);
    }
  }

  private static Message defaultInstance(String className) {
    try {
      return (Message) Class.forName(className).getMethod("getDefaultInstance").invoke(null);
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(className, e);
    }
  }

  @Test
  void coversTheMessagesTheIssueNames() {
    List<String> names = sharedMessages().map(Pair::name).toList();
    assertThat(names)
        .contains(
            "p4.config.v1.P4Info",
            "p4.v1.WriteRequest",
            "p4.v1.ReadResponse",
            "p4.v1.StreamMessageRequest",
            "p4.v1.StreamMessageResponse",
            "p4.v1.TableEntry",
            "p4.v1.P4Data")
        .hasSizeGreaterThan(80);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedMessages")
  void sameFieldNumbersNamesAndTypes(Pair pair) {
    Descriptor ours = pair.ours().getDescriptorForType();
    for (FieldDescriptor theirs : pair.schema().getFields()) {
      FieldDescriptor mine = ours.findFieldByNumber(theirs.getNumber());
      assertThat(mine)
          .as("%s field %d (%s)", pair.name(), theirs.getNumber(), theirs.getName())
          .isNotNull();
      assertThat(mine.getName())
          .as("%s field %d", pair.name(), theirs.getNumber())
          .isEqualTo(theirs.getName());
      if (VERSION_DIFFERENCES.containsKey(mine.getFullName())) {
        assertThat(mine.getType().getJavaType()).isEqualTo(theirs.getType().getJavaType());
      } else {
        assertThat(mine.getType())
            .as("%s.%s type", pair.name(), theirs.getName())
            .isEqualTo(theirs.getType());
      }
      assertThat(mine.isRepeated())
          .as("%s.%s repeated", pair.name(), theirs.getName())
          .isEqualTo(theirs.isRepeated());
      if (theirs.getType() == FieldDescriptor.Type.MESSAGE
          || theirs.getType() == FieldDescriptor.Type.ENUM) {
        String theirType =
            theirs.getType() == FieldDescriptor.Type.MESSAGE
                ? theirs.getMessageType().getFullName()
                : theirs.getEnumType().getFullName();
        String myType =
            mine.getType() == FieldDescriptor.Type.MESSAGE
                ? mine.getMessageType().getFullName()
                : mine.getEnumType().getFullName();
        assertThat(myType)
            .as("%s.%s type name", pair.name(), theirs.getName())
            .isEqualTo(theirType);
      }
      if (theirs.getType() == FieldDescriptor.Type.ENUM) {
        for (EnumValueDescriptor v : theirs.getEnumType().getValues()) {
          assertThat(mine.getEnumType().findValueByNumber(v.getNumber()))
              .as("%s enum value %s", theirs.getEnumType().getFullName(), v.getName())
              .isNotNull()
              .extracting(EnumValueDescriptor::getName)
              .isEqualTo(v.getName());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedMessages")
  void oursDecodeAsTheirsAndBack(Pair pair) throws Exception {
    for (int variant = 0; variant < variants(pair.ours().getDescriptorForType()); variant++) {
      Message mine = fill(pair.ours().newBuilderForType(), variant, 0).build();
      // Their generated parser and serializer handle the bytes; their schema reads the result.
      byte[] theirBytes =
          pair.theirs().getParserForType().parseFrom(mine.toByteArray()).toByteArray();
      Message decoded = DynamicMessage.parseFrom(pair.schema(), theirBytes);
      assertSameFields(mine, decoded, pair.name() + "[variant " + variant + "]");
      // Fields they lack travel as unknown fields, so a round trip through them loses nothing.
      Message back = pair.ours().getParserForType().parseFrom(theirBytes);
      assertThat(back).as("%s round trip", pair.name()).isEqualTo(mine);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedMessages")
  void theirsDecodeAsOurs(Pair pair) throws Exception {
    for (int variant = 0; variant < variants(pair.schema()); variant++) {
      Descriptor schema = pair.schema();
      Message theirs = fill(DynamicMessage.newBuilder(schema), variant, 0).build();
      byte[] theirBytes =
          pair.theirs().getParserForType().parseFrom(theirs.toByteArray()).toByteArray();
      Message decoded = pair.ours().getParserForType().parseFrom(theirBytes);
      assertSameFields(decoded, theirs, pair.name() + "[variant " + variant + "]");
      assertThat(decoded.getUnknownFields().asMap())
          .as("%s: fields we do not know", pair.name())
          .isEmpty();
    }
  }

  private static int variants(Descriptor d) {
    int n = 1;
    for (OneofDescriptor o : d.getRealOneofs()) {
      n = Math.max(n, o.getFieldCount());
    }
    return n;
  }

  /** Fills every field with a value derived from its number; the variant picks oneof members. */
  private static Message.Builder fill(Message.Builder b, int variant, int depth) {
    Descriptor d = b.getDescriptorForType();
    if (d.getFullName().equals("google.protobuf.Any")) {
      return b.mergeFrom(
          Any.newBuilder()
              .setTypeUrl("type.googleapis.com/vdn.test.Opaque" + variant)
              .setValue(ByteString.copyFromUtf8("opaque-" + variant))
              .build());
    }
    for (FieldDescriptor f : d.getFields()) {
      OneofDescriptor oneof = f.getRealContainingOneof();
      if (oneof != null && oneof.getField(variant % oneof.getFieldCount()) != f) {
        continue;
      }
      if (f.getType() == FieldDescriptor.Type.MESSAGE && depth >= MAX_DEPTH) {
        continue;
      }
      int copies = f.isRepeated() ? (f.isMapField() ? 1 : 2) : 1;
      for (int i = 0; i < copies; i++) {
        Object v = value(b, f, variant + i, depth);
        if (f.isRepeated()) {
          b.addRepeatedField(f, v);
        } else {
          b.setField(f, v);
        }
      }
    }
    return b;
  }

  private static Object value(Message.Builder parent, FieldDescriptor f, int salt, int depth) {
    int n = f.getNumber() + 31 * salt;
    return switch (f.getJavaType()) {
      case INT ->
          f.getType() == FieldDescriptor.Type.UINT32 || f.getType() == FieldDescriptor.Type.FIXED32
              ? 0x80000000 | n
              : -1000 - n;
      case LONG ->
          f.getType() == FieldDescriptor.Type.UINT64 || f.getType() == FieldDescriptor.Type.FIXED64
              ? 0x8000_0000_0000_0000L | n
              : (1L << 40) + n;
      case BOOLEAN -> true;
      case STRING -> "name-" + n + "-\u00e9";
      case BYTE_STRING ->
          ByteString.copyFrom(("\u0000\u0001" + n).getBytes(StandardCharsets.ISO_8859_1));
      case ENUM -> {
        List<EnumValueDescriptor> values = f.getEnumType().getValues();
        yield values.get(1 + (salt % Math.max(1, values.size() - 1)) % values.size());
      }
      case MESSAGE -> fill(parent.newBuilderForField(f), salt, depth + 1).build();
      default -> throw new IllegalArgumentException(f.getFullName());
    };
  }

  /** Every field {@code theirs} declares holds the same value in {@code mine}. */
  private static void assertSameFields(Message mine, Message theirs, String path) {
    Descriptor ours = mine.getDescriptorForType();
    for (FieldDescriptor tf : theirs.getDescriptorForType().getFields()) {
      FieldDescriptor mf = ours.findFieldByNumber(tf.getNumber());
      String at = path + "." + tf.getName();
      assertThat(mf).as(at).isNotNull();
      if (tf.isRepeated()) {
        int count = theirs.getRepeatedFieldCount(tf);
        assertThat(mine.getRepeatedFieldCount(mf)).as(at + " size").isEqualTo(count);
        for (int i = 0; i < count; i++) {
          assertSameValue(
              mine.getRepeatedField(mf, i), theirs.getRepeatedField(tf, i), at + "[" + i + "]");
        }
      } else if (tf.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        assertThat(mine.hasField(mf)).as(at + " presence").isEqualTo(theirs.hasField(tf));
        if (theirs.hasField(tf)) {
          assertSameValue(mine.getField(mf), theirs.getField(tf), at);
        }
      } else {
        assertSameValue(mine.getField(mf), theirs.getField(tf), at);
      }
    }
  }

  private static void assertSameValue(Object mine, Object theirs, String at) {
    if (theirs instanceof Message tm) {
      assertSameFields((Message) mine, tm, at);
    } else if (theirs instanceof EnumValueDescriptor te) {
      assertThat(((EnumValueDescriptor) mine).getNumber()).as(at).isEqualTo(te.getNumber());
    } else {
      assertThat(mine).as(at).isEqualTo(theirs);
    }
  }
}
