package net.vdn.softswitch.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.expr.ExprCompiler;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.extern.HashAlgorithm;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.EntryAction;
import net.vdn.softswitch.table.EntryException;
import net.vdn.softswitch.table.KeyField;
import net.vdn.softswitch.table.KeyMatch;
import net.vdn.softswitch.table.MatchKind;
import net.vdn.softswitch.table.MatchTable;
import net.vdn.softswitch.table.TableEntry;

/** Builds {@link MatchTable}s and {@link ActionProfile}s from their BMv2 JSON. */
public final class TableLoader {
  private final Layout layout;
  private final ExprCompiler exprs;
  private final Map<Integer, ActionFn> actions;
  private final Map<String, Json> directCounters;
  private final Map<String, Json> meterArrays;
  private final FieldInfo packetLength;
  private final MatchTable.Clock clock;
  private final Map<String, ActionProfile> profiles = new HashMap<>();
  private final Map<String, Set<ActionFn>> profileActions = new HashMap<>();

  public TableLoader(
      Layout layout,
      ExprCompiler exprs,
      Map<Integer, ActionFn> actions,
      Map<String, Json> directCounters,
      Map<String, Json> meterArrays,
      FieldInfo packetLength,
      MatchTable.Clock clock) {
    this.layout = layout;
    this.exprs = exprs;
    this.actions = actions;
    this.directCounters = directCounters;
    this.meterArrays = meterArrays;
    this.packetLength = packetLength;
    this.clock = clock;
  }

  public Map<String, ActionProfile> profiles() {
    return profiles;
  }

  void loadProfiles(Json pipeline) {
    for (Json ap : pipeline.list("action_profiles", "action_profile")) {
      Calculation selector = null;
      if (ap.has("selector")) {
        Json sel = ap.obj("selector");
        String algo = sel.str("algo");
        HashAlgorithm h = HashAlgorithm.of(algo);
        if (h == null) {
          throw ap.unsupported("unsupported selector algorithm '" + algo + "'");
        }
        List<Calculation.Input> inputs = new ArrayList<>();
        for (JsonNode in : sel.array("input")) {
          if (!"field".equals(in.path("type").asText())) {
            throw ap.unsupported("unsupported selector input " + in);
          }
          inputs.add(new Calculation.FieldInput(layout.field(in.get("value"), ap)));
        }
        selector = new Calculation(ap.str("name"), h, inputs);
      }
      ActionProfile profile =
          new ActionProfile(ap.str("name"), ap.integer("id"), ap.integer("max_size"), selector);
      Set<ActionFn> allowed = new HashSet<>();
      profileActions.put(profile.name(), allowed);
      profile.actions(id -> allowed.stream().filter(a -> a.id() == id).findFirst().orElse(null));
      if (profiles.put(profile.name(), profile) != null) {
        throw ap.error("duplicate action profile name");
      }
    }
  }

  MatchTable load(Json t) {
    String name = t.str("name");
    List<KeyField> keys = new ArrayList<>();
    int offset = 0;
    for (Json k : t.list("key", "key field")) {
      KeyField kf = keyField(t, k, offset);
      keys.add(kf);
      offset += kf.bytes();
    }
    List<ActionFn> tableActions = new ArrayList<>();
    List<JsonNode> ids = t.array("action_ids");
    if (ids.isEmpty() && !t.array("actions").isEmpty()) {
      throw t.error("missing key 'action_ids'");
    }
    for (JsonNode id : ids) {
      ActionFn fn = actions.get(id.asInt(-1));
      if (fn == null) {
        throw t.error("unknown action id " + id + " in 'action_ids'");
      }
      tableActions.add(fn);
    }
    String type = t.node().path("type").asText("simple");
    ActionProfile profile = null;
    if (type.equals("indirect") || type.equals("indirect_ws")) {
      String apName = t.str("action_profile");
      profile = profiles.get(apName);
      if (profile == null) {
        throw t.error("unknown action_profile '" + apName + "'");
      }
      if (type.equals("indirect_ws") && !profile.hasSelector()) {
        throw t.error("indirect_ws table with profile '" + apName + "' that has no selector");
      }
      profileActions.get(apName).addAll(tableActions);
    } else if (!type.equals("simple")) {
      throw t.unsupported("unsupported table type '" + type + "'");
    }
    String counter = null;
    if (t.bool("with_counters", false)) {
      counter =
          directCounters.entrySet().stream()
              .filter(e -> name.equals(e.getValue().strOrNull("binding")))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(name + ".$counter");
    }
    MatchTable.DirectMeter meter = null;
    String meterName = t.strOrNull("direct_meters");
    if (meterName != null) {
      Json m = meterArrays.get(meterName);
      if (m == null) {
        throw t.error("unknown direct_meters '" + meterName + "'");
      }
      if (!m.has("result_target")) {
        throw m.error("direct meter without 'result_target'");
      }
      meter =
          new MatchTable.DirectMeter(
              meterName,
              !"packets".equals(m.str("type")),
              exprs.lvalue(fieldRef(m.raw("result_target")), m, ParamLayout.NONE));
    }
    MatchTable table =
        new MatchTable(
            name,
            t.integer("id"),
            keys,
            t.integer("max_size", 1024),
            tableActions,
            new MatchTable.Attachments(profile, counter, meter, t.bool("support_timeout", false)),
            packetLength,
            clock);
    try {
      if (t.has("default_entry")) {
        Json d = t.obj("default_entry");
        table.initDefault(call(d, d.integer("action_id")), d.bool("action_const", false));
      }
      for (Json e : t.list("entries", "entry")) {
        table.insertConst(constEntry(table, e));
      }
    } catch (EntryException e) {
      throw t.error(e.getMessage());
    }
    return table;
  }

  private KeyField keyField(Json t, Json k, int offset) {
    String mt = k.str("match_type");
    MatchKind kind = MatchKind.of(mt);
    if (kind == null) {
      throw t.unsupported("unsupported match_type '" + mt + "'");
    }
    JsonNode target = k.raw("target");
    String name = k.strOrNull("name");
    FieldInfo field = null;
    int header = -1;
    int width;
    if (kind == MatchKind.VALID
        || (target.isArray() && Layout.VALID_FIELD.equals(target.path(1).asText()))) {
      HeaderInfo h =
          target.isArray() ? layout.headerOf(target, t) : layout.header(target.asText(), t);
      header = h.index();
      width = 1;
      if (kind == MatchKind.VALID) {
        kind = MatchKind.EXACT;
      }
    } else {
      field = layout.field(target, t);
      width = field.width();
    }
    int bytes = (width + 7) >>> 3;
    byte[] mask = null;
    String maskText = k.strOrNull("mask");
    if (maskText != null) {
      mask = fixed(Json.hex(maskText, t), bytes);
    }
    return new KeyField(
        name == null ? target.toString() : name, kind, width, offset, bytes, field, header, mask);
  }

  private TableEntry constEntry(MatchTable table, Json e) {
    List<KeyMatch> match = new ArrayList<>();
    List<Json> keys = e.list("match_key", "match key");
    for (Json k : keys) {
      String mt = k.str("match_type");
      KeyMatch m =
          switch (mt) {
            case "exact", "valid" -> new KeyMatch.Exact(bytes(k, "key"));
            case "lpm" -> new KeyMatch.Lpm(bytes(k, "key"), k.integer("prefix_length"));
            case "ternary" -> new KeyMatch.Ternary(bytes(k, "key"), bytes(k, "mask"));
            case "range" -> new KeyMatch.Range(bytes(k, "start"), bytes(k, "end"));
            case "optional" -> new KeyMatch.Optional(bytes(k, "key"));
            default -> throw k.unsupported("unsupported match_type '" + mt + "'");
          };
      match.add(m);
    }
    Json action = e.obj("action_entry");
    // The JSON gives the highest priority the lowest number; tables here use P4Runtime's order.
    int priority = Integer.MAX_VALUE - e.integer("priority", 0);
    return new TableEntry(match, priority, call(action, action.integer("action_id")));
  }

  private EntryAction.Call call(Json d, int actionId) {
    List<byte[]> data = new ArrayList<>();
    for (JsonNode v : d.array("action_data")) {
      data.add(Json.hex(v.asText(), d).toByteArray());
    }
    return new EntryAction.Call(actionId, data);
  }

  private static byte[] bytes(Json k, String key) {
    JsonNode v = k.raw(key);
    if (v.isBoolean()) {
      return new byte[] {(byte) (v.asBoolean() ? 1 : 0)};
    }
    BigInteger n = Json.hex(v.asText(), k);
    if (n.signum() < 0) {
      throw k.error("negative value for '" + key + "'");
    }
    return n.toByteArray();
  }

  private static JsonNode fieldRef(JsonNode target) {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("type", "field");
    n.set("value", target);
    return n;
  }

  private static byte[] fixed(BigInteger v, int bytes) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[bytes];
    for (int b = 0; b < bytes; b++) {
      int src = raw.length - bytes + b;
      out[b] = src >= 0 ? raw[src] : 0;
    }
    return out;
  }
}
