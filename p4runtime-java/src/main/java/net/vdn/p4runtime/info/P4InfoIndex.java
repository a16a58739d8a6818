package net.vdn.p4runtime.info;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.proto.config.v1.Action;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;
import net.vdn.p4runtime.proto.config.v1.ActionRef;
import net.vdn.p4runtime.proto.config.v1.ControllerPacketMetadata;
import net.vdn.p4runtime.proto.config.v1.Counter;
import net.vdn.p4runtime.proto.config.v1.Digest;
import net.vdn.p4runtime.proto.config.v1.DirectCounter;
import net.vdn.p4runtime.proto.config.v1.DirectMeter;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.config.v1.Meter;
import net.vdn.p4runtime.proto.config.v1.P4Info;
import net.vdn.p4runtime.proto.config.v1.Preamble;
import net.vdn.p4runtime.proto.config.v1.Register;
import net.vdn.p4runtime.proto.config.v1.Table;
import net.vdn.p4runtime.proto.config.v1.ValueSet;

/**
 * A P4Info indexed by name. Every lookup takes a full name or a unique short name and fails with a
 * {@link P4InfoException} that names what was asked for when there is no such object or more than
 * one.
 */
public final class P4InfoIndex {
  private final P4Info p4info;
  private final NameTable<TableInfo> tables = new NameTable<>("table", "", TableInfo::name);
  private final NameTable<ActionInfo> actions = new NameTable<>("action", "", ActionInfo::name);
  private final NameTable<ActionProfile> profiles =
      new NameTable<>("action profile", "", p -> p.getPreamble().getName());
  private final NameTable<Counter> counters =
      new NameTable<>("counter", "", c -> c.getPreamble().getName());
  private final NameTable<DirectCounter> directCounters =
      new NameTable<>("direct counter", "", c -> c.getPreamble().getName());
  private final NameTable<Meter> meters =
      new NameTable<>("meter", "", m -> m.getPreamble().getName());
  private final NameTable<DirectMeter> directMeters =
      new NameTable<>("direct meter", "", m -> m.getPreamble().getName());
  private final NameTable<Register> registers =
      new NameTable<>("register", "", r -> r.getPreamble().getName());
  private final NameTable<Digest> digests =
      new NameTable<>("digest", "", d -> d.getPreamble().getName());
  private final NameTable<ValueSet> valueSets =
      new NameTable<>("value set", "", v -> v.getPreamble().getName());
  private final NameTable<PacketMetadataInfo> packetMetadata =
      new NameTable<>("controller packet metadata", "", PacketMetadataInfo::name);

  private P4InfoIndex(P4Info p4info) {
    this.p4info = p4info;
    for (Action a : p4info.getActionsList()) {
      NameTable<Action.Param> params =
          new NameTable<>(
              "parameter", " of action '" + name(a.getPreamble()) + "'", Action.Param::getName);
      for (Action.Param p : a.getParamsList()) {
        requireWidth(
            p.getBitwidth(), "parameter '" + p.getName() + "' of action " + name(a.getPreamble()));
        params.add(p, p.getName(), null, p.getId());
      }
      add(actions, new ActionInfo(a, params), a.getPreamble());
    }
    p4info.getActionProfilesList().forEach(p -> add(profiles, p, p.getPreamble()));
    p4info.getCountersList().forEach(c -> add(counters, c, c.getPreamble()));
    p4info.getDirectCountersList().forEach(c -> add(directCounters, c, c.getPreamble()));
    p4info.getMetersList().forEach(m -> add(meters, m, m.getPreamble()));
    p4info.getDirectMetersList().forEach(m -> add(directMeters, m, m.getPreamble()));
    p4info.getRegistersList().forEach(r -> add(registers, r, r.getPreamble()));
    p4info.getDigestsList().forEach(d -> add(digests, d, d.getPreamble()));
    p4info.getValueSetsList().forEach(v -> add(valueSets, v, v.getPreamble()));
    for (ControllerPacketMetadata c : p4info.getControllerPacketMetadataList()) {
      NameTable<ControllerPacketMetadata.Metadata> fields =
          new NameTable<>(
              "metadata field",
              " of '" + name(c.getPreamble()) + "'",
              ControllerPacketMetadata.Metadata::getName);
      for (ControllerPacketMetadata.Metadata m : c.getMetadataList()) {
        requireWidth(m.getBitwidth(), "metadata '" + m.getName() + "' of " + name(c.getPreamble()));
        fields.add(m, m.getName(), null, m.getId());
      }
      add(packetMetadata, new PacketMetadataInfo(c, fields), c.getPreamble());
    }
    for (Table t : p4info.getTablesList()) {
      add(tables, tableInfo(t), t.getPreamble());
    }
  }

  private TableInfo tableInfo(Table t) {
    String tableName = name(t.getPreamble());
    NameTable<MatchField> fields =
        new NameTable<>("match field", " of table '" + tableName + "'", MatchField::getName);
    for (MatchField f : t.getMatchFieldsList()) {
      if (f.hasMatchType()) {
        requireWidth(f.getBitwidth(), "match field '" + f.getName() + "' of table " + tableName);
      }
      fields.add(f, f.getName(), null, f.getId());
    }
    Map<Integer, ActionRef> refs = new HashMap<>();
    for (ActionRef ref : t.getActionRefsList()) {
      if (actions.byId(ref.getId()) == null) {
        throw new P4InfoException(
            "table '"
                + tableName
                + "' refers to action id "
                + ref.getId()
                + ", which P4Info lacks");
      }
      refs.put(ref.getId(), ref);
    }
    int directCounter = 0;
    int directMeter = 0;
    for (int id : t.getDirectResourceIdsList()) {
      if (directCounters.byId(id) != null) {
        directCounter = id;
      } else if (directMeters.byId(id) != null) {
        directMeter = id;
      }
    }
    if (t.getImplementationId() != 0 && profiles.byId(t.getImplementationId()) == null) {
      throw new P4InfoException(
          "table '"
              + tableName
              + "' is implemented by id "
              + t.getImplementationId()
              + ", which P4Info lacks");
    }
    return new TableInfo(
        t,
        fields,
        Map.copyOf(refs),
        directCounter,
        directMeter,
        t.getImplementationId(),
        TableInfo.needsPriority(t));
  }

  private static String name(Preamble p) {
    return p.getName();
  }

  private static void requireWidth(int bitwidth, String what) {
    if (bitwidth <= 0) {
      throw new P4InfoException("P4Info gives " + what + " a bit width of " + bitwidth);
    }
  }

  private static <T> void add(NameTable<T> table, T item, Preamble p) {
    if (p.getName().isEmpty()) {
      throw new P4InfoException("P4Info has an object with id " + p.getId() + " but no name");
    }
    if (p.getId() == 0) {
      throw new P4InfoException("P4Info object '" + p.getName() + "' has id 0");
    }
    table.add(item, p.getName(), p.getAlias(), p.getId());
  }

  /** Indexes a P4Info message; fails when it is inconsistent (duplicate ids, dangling refs). */
  public static P4InfoIndex of(P4Info p4info) {
    return new P4InfoIndex(p4info);
  }

  /** Parses P4Info in protobuf text format. */
  public static P4InfoIndex fromText(String text) {
    return of(parseText(text));
  }

  /** Parses P4Info in protobuf binary format. */
  public static P4InfoIndex fromBinary(byte[] binary) {
    try {
      return of(P4Info.parseFrom(binary));
    } catch (InvalidProtocolBufferException e) {
      throw new P4InfoException("not a binary P4Info: " + e.getMessage(), e);
    }
  }

  /** Reads P4Info from a file, text or binary (text when the bytes are UTF-8 text). */
  public static P4InfoIndex load(Path file) {
    return of(read(file));
  }

  /** Reads the P4Info message from a file, text or binary. */
  public static P4Info read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new P4InfoException("cannot read P4Info " + file + ": " + e.getMessage(), e);
    }
    String text = asText(bytes);
    try {
      return text != null ? parseText(text) : P4Info.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new P4InfoException(
          "not a P4Info (text or binary): " + file + ": " + e.getMessage(), e);
    } catch (P4InfoException e) {
      throw new P4InfoException(file + ": " + e.getMessage(), e);
    }
  }

  private static P4Info parseText(String text) {
    try {
      return TextFormat.parse(text, P4Info.class);
    } catch (TextFormat.ParseException e) {
      throw new P4InfoException("not a text P4Info: " + e.getMessage(), e);
    }
  }

  private static String asText(byte[] bytes) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
          return null;
        }
      }
      return s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  public P4Info p4info() {
    return p4info;
  }

  public TableInfo table(String name) {
    return tables.get(name);
  }

  public TableInfo table(int id) {
    return byId(tables, id, "table");
  }

  public ActionInfo action(String name) {
    return actions.get(name);
  }

  public ActionInfo action(int id) {
    return byId(actions, id, "action");
  }

  public ActionProfile actionProfile(String name) {
    return profiles.get(name);
  }

  public ActionProfile actionProfile(int id) {
    return byId(profiles, id, "action profile");
  }

  public Counter counter(String name) {
    return counters.get(name);
  }

  public Counter counter(int id) {
    return byId(counters, id, "counter");
  }

  public DirectCounter directCounter(String name) {
    return directCounters.get(name);
  }

  public Meter meter(String name) {
    return meters.get(name);
  }

  public Meter meter(int id) {
    return byId(meters, id, "meter");
  }

  public DirectMeter directMeter(String name) {
    return directMeters.get(name);
  }

  public Register register(String name) {
    return registers.get(name);
  }

  public Register register(int id) {
    return byId(registers, id, "register");
  }

  public Digest digest(String name) {
    return digests.get(name);
  }

  public Digest digest(int id) {
    return byId(digests, id, "digest");
  }

  public ValueSet valueSet(String name) {
    return valueSets.get(name);
  }

  /** The controller header by name: usually "packet_in" or "packet_out". */
  public PacketMetadataInfo packetMetadata(String name) {
    return packetMetadata.get(name);
  }

  public boolean hasPacketMetadata(String name) {
    return packetMetadata.contains(name);
  }

  public NameTable<TableInfo> tables() {
    return tables;
  }

  public NameTable<ActionInfo> actions() {
    return actions;
  }

  private static <T> T byId(NameTable<T> table, int id, String kind) {
    T item = table.byId(id);
    if (item == null) {
      throw new P4InfoException("no " + kind + " with id " + id + " in P4Info");
    }
    return item;
  }
}
