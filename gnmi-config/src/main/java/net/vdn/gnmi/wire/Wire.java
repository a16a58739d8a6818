package net.vdn.gnmi.wire;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.vdn.gnmi.GnmiPath;
import net.vdn.gnmi.GnmiValue;
import net.vdn.gnmi.GnmiValueException;
import net.vdn.gnmi.Notification;
import net.vdn.gnmi.PathElem;
import net.vdn.gnmi.proto.Decimal64;
import net.vdn.gnmi.proto.Path;
import net.vdn.gnmi.proto.ScalarArray;
import net.vdn.gnmi.proto.TypedValue;

/**
 * The mapping between this module's values and gNMI's messages, for the client and for servers and
 * tools that speak gNMI. Decoding checks what it reads: a value type this module does not handle
 * raises {@link GnmiValueException}, a malformed path {@link net.vdn.gnmi.GnmiPathException}.
 */
// Reads and writes the deprecated fields (Decimal64, float, untyped values, string elements)
// on purpose: older targets still send them.
@SuppressWarnings("deprecation")
public final class Wire {
  private Wire() {}

  public static Path path(GnmiPath path) {
    var out = Path.newBuilder().setOrigin(path.origin());
    for (PathElem e : path.elems()) {
      out.addElem(net.vdn.gnmi.proto.PathElem.newBuilder().setName(e.name()).putAllKey(e.keys()));
    }
    return out.build();
  }

  /**
   * Decodes a path. The deprecated string {@code element} list is read as element names when the
   * structured {@code elem} list is empty (targets before gNMI 0.4 send it).
   */
  public static GnmiPath path(Path path) {
    List<PathElem> elems = new ArrayList<>();
    if (path.getElemCount() == 0) {
      for (String name : path.getElementList()) {
        elems.add(PathElem.of(name));
      }
    }
    for (var e : path.getElemList()) {
      elems.add(new PathElem(e.getName(), new TreeMap<>(e.getKeyMap())));
    }
    return new GnmiPath(path.getOrigin(), elems);
  }

  public static TypedValue value(GnmiValue value) {
    var out = TypedValue.newBuilder();
    switch (value) {
      case GnmiValue.UintValue v -> out.setUintVal(v.value());
      case GnmiValue.IntValue v -> out.setIntVal(v.value());
      case GnmiValue.BoolValue v -> out.setBoolVal(v.value());
      case GnmiValue.StringValue v -> out.setStringVal(v.value());
      case GnmiValue.AsciiValue v -> out.setAsciiVal(v.value());
      case GnmiValue.DecimalValue v ->
          out.setDecimalVal(
              Decimal64.newBuilder().setDigits(v.digits()).setPrecision(v.precision()));
      case GnmiValue.DoubleValue v -> out.setDoubleVal(v.value());
      case GnmiValue.FloatValue v -> out.setFloatVal(v.value());
      case GnmiValue.BytesValue v -> out.setBytesVal(ByteString.copyFrom(v.value()));
      case GnmiValue.JsonValue v -> out.setJsonVal(ByteString.copyFromUtf8(v.json()));
      case GnmiValue.JsonIetfValue v -> out.setJsonIetfVal(ByteString.copyFromUtf8(v.json()));
      case GnmiValue.LeafListValue v -> {
        var array = ScalarArray.newBuilder();
        for (GnmiValue e : v.elements()) {
          array.addElement(value(e));
        }
        out.setLeaflistVal(array);
      }
    }
    return out.build();
  }

  public static GnmiValue value(TypedValue value) {
    return switch (value.getValueCase()) {
      case UINT_VAL -> new GnmiValue.UintValue(value.getUintVal());
      case INT_VAL -> new GnmiValue.IntValue(value.getIntVal());
      case BOOL_VAL -> new GnmiValue.BoolValue(value.getBoolVal());
      case STRING_VAL -> new GnmiValue.StringValue(value.getStringVal());
      case ASCII_VAL -> new GnmiValue.AsciiValue(value.getAsciiVal());
      case DECIMAL_VAL -> decimal(value.getDecimalVal());
      case DOUBLE_VAL -> new GnmiValue.DoubleValue(value.getDoubleVal());
      case FLOAT_VAL -> new GnmiValue.FloatValue(value.getFloatVal());
      case BYTES_VAL -> new GnmiValue.BytesValue(value.getBytesVal().toByteArray());
      case JSON_VAL -> new GnmiValue.JsonValue(utf8(value.getJsonVal(), "json_val"));
      case JSON_IETF_VAL ->
          new GnmiValue.JsonIetfValue(utf8(value.getJsonIetfVal(), "json_ietf_val"));
      case LEAFLIST_VAL -> {
        List<GnmiValue> elements = new ArrayList<>();
        for (TypedValue e : value.getLeaflistVal().getElementList()) {
          elements.add(value(e));
        }
        yield new GnmiValue.LeafListValue(elements);
      }
      case ANY_VAL ->
          throw new GnmiValueException(
              "TypedValue any_val ("
                  + value.getAnyVal().getTypeUrl()
                  + ") is not supported: this client decodes scalar, JSON and leaf-list values");
      case PROTO_BYTES ->
          throw new GnmiValueException(
              "TypedValue proto_bytes is not supported: this client decodes scalar, JSON and"
                  + " leaf-list values");
      case VALUE_NOT_SET ->
          throw new GnmiValueException(
              value.getUnknownFields().asMap().isEmpty()
                  ? "TypedValue carries no value"
                  : "TypedValue carries a value type this client does not know (field "
                      + value.getUnknownFields().asMap().keySet()
                      + ")");
    };
  }

  private static GnmiValue decimal(Decimal64 d) {
    int precision = d.getPrecision();
    if (precision < 0 || precision > GnmiValue.DecimalValue.MAX_PRECISION) {
      throw new GnmiValueException(
          "Decimal64 precision "
              + Integer.toUnsignedString(precision)
              + " is outside 0.."
              + GnmiValue.DecimalValue.MAX_PRECISION);
    }
    return new GnmiValue.DecimalValue(d.getDigits(), precision);
  }

  private static String utf8(ByteString bytes, String field) {
    if (!bytes.isValidUtf8()) {
      throw new GnmiValueException("TypedValue " + field + " is not valid UTF-8");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Decodes the value of an update: its typed {@code val}, or for old targets the deprecated
   * untyped {@code value} when it is JSON, JSON_IETF, BYTES or ASCII.
   */
  public static GnmiValue value(net.vdn.gnmi.proto.Update update) {
    if (update.hasVal() || !update.hasValue()) {
      return value(update.getVal());
    }
    var old = update.getValue();
    return switch (old.getType()) {
      case JSON -> new GnmiValue.JsonValue(utf8(old.getValue(), "value (JSON)"));
      case JSON_IETF -> new GnmiValue.JsonIetfValue(utf8(old.getValue(), "value (JSON_IETF)"));
      case BYTES -> new GnmiValue.BytesValue(old.getValue().toByteArray());
      case ASCII -> new GnmiValue.AsciiValue(utf8(old.getValue(), "value (ASCII)"));
      default ->
          throw new GnmiValueException(
              "deprecated untyped value with encoding " + old.getType() + " is not supported");
    };
  }

  public static Notification notification(net.vdn.gnmi.proto.Notification n) {
    GnmiPath prefix = path(n.getPrefix());
    List<Notification.Update> updates = new ArrayList<>(n.getUpdateCount());
    for (var u : n.getUpdateList()) {
      GnmiPath full = prefix.append(path(u.getPath()));
      GnmiValue v;
      try {
        v = value(u);
      } catch (GnmiValueException e) {
        throw new GnmiValueException(full + ": " + e.getMessage());
      }
      updates.add(new Notification.Update(full, v, u.getDuplicates()));
    }
    List<GnmiPath> deletes = new ArrayList<>(n.getDeleteCount());
    for (var d : n.getDeleteList()) {
      deletes.add(prefix.append(path(d)));
    }
    return new Notification(n.getTimestamp(), prefix, updates, deletes, n.getAtomic());
  }

  /** Encodes a notification with an empty prefix and full paths (as a server would send). */
  public static net.vdn.gnmi.proto.Notification notification(Notification n) {
    var out =
        net.vdn.gnmi.proto.Notification.newBuilder()
            .setTimestamp(n.timestampNanos())
            .setAtomic(n.atomic());
    for (Notification.Update u : n.updates()) {
      out.addUpdate(
          net.vdn.gnmi.proto.Update.newBuilder()
              .setPath(path(u.path()))
              .setVal(value(u.value()))
              .setDuplicates(u.duplicates()));
    }
    for (GnmiPath d : n.deletes()) {
      out.addDelete(path(d));
    }
    return out.build();
  }

  public static net.vdn.gnmi.proto.Encoding encoding(net.vdn.gnmi.Encoding e) {
    return net.vdn.gnmi.proto.Encoding.valueOf(e.name());
  }
}
