package net.vdn.softswitch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.action.Externs;
import net.vdn.softswitch.action.PrimitiveCompiler;
import net.vdn.softswitch.expr.ExprCompiler;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.HashAlgorithm;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.parse.Checksums;
import net.vdn.softswitch.parse.Deparser;
import net.vdn.softswitch.parse.Parser;
import net.vdn.softswitch.pipeline.Pipeline;
import net.vdn.softswitch.pipeline.TableLoader;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.program.StandardMetadata;
import net.vdn.softswitch.program.UnsupportedFeatureException;

/** Compiles the BMv2 JSON of a v1model program, section by section, into a {@link Program}. */
final class ProgramBuilder implements Externs {
  final Layout layout;
  final StandardMetadata std;
  final Map<String, Integer> errors = new LinkedHashMap<>();
  final Map<String, CounterArray> counters = new LinkedHashMap<>();
  final Map<String, Json> directCounters = new LinkedHashMap<>();
  final Map<String, MeterArray> meters = new LinkedHashMap<>();
  final Map<String, Json> meterJson = new HashMap<>();
  final Map<String, RegisterArray> registers = new LinkedHashMap<>();
  final Map<String, Calculation> calculations = new HashMap<>();
  final Map<Integer, Program.FieldList> fieldLists = new HashMap<>();
  final Map<Integer, Program.LearnList> learnLists = new HashMap<>();
  final Map<Integer, ActionFn> actions = new LinkedHashMap<>();
  final LongSupplier clock;
  final RandomGenerator random;
  Deparser deparser;
  Parser parser;
  Checksums checksums;
  Pipeline ingress;
  Pipeline egress;
  TableLoader tableLoader;

  ProgramBuilder(Json root, LongSupplier clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
    checkVersion(root);
    refuseNonEmpty(root, "extern_instances", "extern instance");
    refuseNonEmpty(root, "parse_vsets", "parse value set");
    this.layout = new Layout(root);
    this.std = StandardMetadata.of(layout, root);
    for (JsonNode e : root.array("errors")) {
      if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isIntegralNumber()) {
        throw root.error("malformed 'errors' element " + e);
      }
      errors.put(e.get(0).asText(), e.get(1).asInt());
    }
    for (Json r : root.list("register_arrays", "register_array")) {
      registers.put(
          r.str("name"),
          new RegisterArray(
              r.str("name"), r.integer("id"), r.integer("size"), r.integer("bitwidth")));
    }
    for (Json c : root.list("counter_arrays", "counter_array")) {
      if (c.bool("is_direct", false)) {
        directCounters.put(c.str("name"), c);
      } else {
        counters.put(
            c.str("name"), new CounterArray(c.str("name"), c.integer("id"), c.integer("size")));
      }
    }
    for (Json m : root.list("meter_arrays", "meter_array")) {
      String type = m.str("type");
      if (!type.equals("bytes") && !type.equals("packets")) {
        throw m.error("meter type must be 'bytes' or 'packets', got '" + type + "'");
      }
      if (m.integer("rate_count", 2) != 2) {
        throw m.unsupported("unsupported rate_count " + m.integer("rate_count"));
      }
      meterJson.put(m.str("name"), m);
      if (!m.bool("is_direct", false)) {
        meters.put(
            m.str("name"),
            new MeterArray(
                m.str("name"), m.integer("id"), m.integer("size"), type.equals("bytes")));
      }
    }
    ExprCompiler exprs = new ExprCompiler(layout, registers::get);
    for (Json fl : root.list("field_lists", "field_list")) {
      fieldLists.put(
          fl.integer("id"),
          new Program.FieldList(fl.integer("id"), fl.str("name"), listFields(fl)));
    }
    for (Json ll : root.list("learn_lists", "learn_list")) {
      learnLists.put(
          ll.integer("id"),
          new Program.LearnList(ll.integer("id"), ll.str("name"), listFields(ll)));
    }
    List<Json> deparsers = root.list("deparsers", "deparser");
    if (deparsers.size() != 1) {
      throw new UnsupportedFeatureException(
          "expected exactly one deparser, found " + deparsers.size());
    }
    Json dp = deparsers.get(0);
    if (!dp.array("primitives").isEmpty()) {
      throw dp.unsupported("unsupported deparser primitives");
    }
    List<HeaderInfo> order = new ArrayList<>();
    for (JsonNode h : dp.array("order")) {
      order.add(layout.header(h.asText(), dp));
    }
    deparser = new Deparser(dp.str("name"), order);
    for (Json c : root.list("calculations", "calculation")) {
      calculations.put(c.str("name"), calculation(c, order));
    }
    PrimitiveCompiler prims = new PrimitiveCompiler(exprs, this);
    List<Json> actionJson = root.list("actions", "action");
    for (Json a : actionJson) {
      List<Json> rd = a.list("runtime_data", "runtime_data");
      int[] widths = new int[rd.size()];
      String[] names = new String[rd.size()];
      for (int i = 0; i < widths.length; i++) {
        widths[i] = rd.get(i).integer("bitwidth");
        names[i] = rd.get(i).str("name");
      }
      ActionFn fn = new ActionFn(a.str("name"), a.integer("id"), ParamLayout.of(widths), names);
      if (actions.put(fn.id(), fn) != null) {
        throw a.error("duplicate action id");
      }
    }
    for (Json a : actionJson) {
      prims.compile(actions.get(a.integer("id")), a);
    }
    List<Json> parsers = root.list("parsers", "parser");
    if (parsers.size() != 1) {
      throw new UnsupportedFeatureException("expected exactly one parser, found " + parsers.size());
    }
    parser = new Parser(parsers.get(0), exprs, prims, errors, std.parserError());
    List<Checksums.Checksum> sums = new ArrayList<>();
    for (Json c : root.list("checksums", "checksum")) {
      String type = c.node().path("type").asText("generic");
      if (!type.equals("generic")) {
        throw c.unsupported("unsupported checksum type '" + type + "'");
      }
      String calcName = c.str("calculation");
      Calculation calc = calculations.get(calcName);
      if (calc == null) {
        throw c.error("unknown calculation '" + calcName + "'");
      }
      var target = exprs.lvalue(fieldRef(c.raw("target")), c, ParamLayout.NONE);
      FieldInfo targetField = layout.field(c.raw("target"), c);
      if (target.width() > 64) {
        throw c.unsupported("unsupported checksum target wider than 64 bits");
      }
      var cond = c.has("if_cond") ? exprs.cond(c.raw("if_cond"), c, ParamLayout.NONE) : null;
      sums.add(
          new Checksums.Checksum(
              c.str("name"),
              targetField,
              calc,
              cond,
              c.bool("verify", true),
              c.bool("update", true)));
    }
    checksums = new Checksums(sums, std.checksumError());
    tableLoader =
        new TableLoader(
            layout,
            exprs,
            actions,
            directCounters,
            meterJson,
            std.packetLength(),
            clock::getAsLong);
    Map<String, Json> pipelines = new HashMap<>();
    for (Json p : root.list("pipelines", "pipeline")) {
      pipelines.put(p.str("name"), p);
    }
    if (!pipelines.containsKey("ingress")
        || !pipelines.containsKey("egress")
        || pipelines.size() != 2) {
      throw new UnsupportedFeatureException(
          "expected the v1model pipelines 'ingress' and 'egress', found " + pipelines.keySet());
    }
    ingress = Pipeline.compile(pipelines.get("ingress"), tableLoader, exprs);
    egress = Pipeline.compile(pipelines.get("egress"), tableLoader, exprs);
  }

  private static void checkVersion(Json root) {
    if (!root.has("__meta__")) {
      return;
    }
    JsonNode v = root.obj("__meta__").raw("version");
    if (!v.isArray() || v.size() < 1 || v.get(0).asInt() != 2) {
      throw new UnsupportedFeatureException("unsupported BMv2 JSON version " + v + " (need 2.x)");
    }
  }

  private static void refuseNonEmpty(Json root, String key, String kind) {
    List<Json> items = root.list(key, kind);
    if (!items.isEmpty()) {
      throw items.get(0).unsupported("unsupported " + kind);
    }
  }

  private List<FieldInfo> listFields(Json list) {
    List<FieldInfo> out = new ArrayList<>();
    for (JsonNode e : list.array("elements")) {
      if (!"field".equals(e.path("type").asText())) {
        throw list.unsupported("unsupported list element " + e);
      }
      out.add(layout.field(e.get("value"), list));
    }
    return out;
  }

  private Calculation calculation(Json c, List<HeaderInfo> order) {
    String algo = c.str("algo");
    HashAlgorithm h = HashAlgorithm.of(algo);
    if (h == null) {
      throw c.unsupported("unsupported hash algorithm '" + algo + "'");
    }
    List<Calculation.Input> inputs = new ArrayList<>();
    int lastHeader = -1;
    for (JsonNode in : c.array("input")) {
      String type = in.path("type").asText();
      switch (type) {
        case "field" -> {
          HeaderInfo hdr = layout.headerOf(in.get("value"), c);
          inputs.add(new Calculation.FieldInput(layout.field(in.get("value"), c)));
          lastHeader = hdr.index();
        }
        case "hexstr" -> {
          int width = in.path("bitwidth").asInt(-1);
          if (width <= 0 || width > 64) {
            throw c.error("hexstr input needs a 'bitwidth' of 1 to 64 bits: " + in);
          }
          inputs.add(
              new Calculation.ConstInput(
                  Json.hex(in.path("value").asText(), c).longValue(), width));
        }
        case "header" -> {
          HeaderInfo hdr = layout.header(in.path("value").asText(), c);
          inputs.add(new Calculation.HeaderInput(hdr));
          lastHeader = hdr.index();
        }
        case "payload" -> {
          List<HeaderInfo> following = new ArrayList<>();
          boolean after = lastHeader < 0;
          for (HeaderInfo hdr : order) {
            if (after) {
              following.add(hdr);
            }
            after |= hdr.index() == lastHeader;
          }
          inputs.add(new Calculation.PayloadInput(following));
        }
        default -> throw c.unsupported("unsupported calculation input type '" + type + "'");
      }
    }
    return new Calculation(c.str("name"), h, inputs);
  }

  private static JsonNode fieldRef(JsonNode target) {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("type", "field");
    n.set("value", target);
    return n;
  }

  @Override
  public CounterArray counter(String name) {
    return counters.get(name);
  }

  @Override
  public MeterArray meter(String name) {
    return meters.get(name);
  }

  @Override
  public RegisterArray register(String name) {
    return registers.get(name);
  }

  @Override
  public Calculation calculation(String name) {
    return calculations.get(name);
  }

  @Override
  public boolean hasFieldList(int id) {
    return fieldLists.containsKey(id);
  }

  @Override
  public boolean hasLearnList(int id) {
    return learnLists.containsKey(id);
  }

  @Override
  public StandardMetadata standardMetadata() {
    return std;
  }

  @Override
  public LongSupplier clock() {
    return clock;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  static ProgramException wrap(RuntimeException e) {
    return e instanceof ProgramException pe ? pe : new ProgramException("program: " + e, e);
  }
}
