package net.vdn.softswitch.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.softswitch.expr.ExprCompiler;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.program.Json;
import net.vdn.softswitch.program.UnsupportedFeatureException;
import net.vdn.softswitch.runtime.Phv;
import net.vdn.softswitch.table.MatchTable;

/** A compiled control (ingress or egress): its tables and conditionals wired into a graph. */
public final class Pipeline {
  private final String name;
  private final ControlNode init;
  private final Map<String, MatchTable> tables;

  private Pipeline(String name, ControlNode init, Map<String, MatchTable> tables) {
    this.name = name;
    this.init = init;
    this.tables = tables;
  }

  /** Compiles a {@code pipelines} element, building its tables with {@code loader}. */
  public static Pipeline compile(Json json, TableLoader loader, ExprCompiler exprs) {
    String name = json.str("name");
    if (!json.array("action_calls").isEmpty()) {
      throw new UnsupportedFeatureException(
          "unsupported 'action_calls' in pipeline '" + name + "'");
    }
    loader.loadProfiles(json);
    Map<String, ControlNode> nodes = new HashMap<>();
    Map<String, MatchTable> tables = new LinkedHashMap<>();
    List<Json> tableJson = json.list("tables", "table");
    for (Json t : tableJson) {
      MatchTable table = loader.load(t);
      tables.put(table.name(), table);
      put(nodes, new ControlNode.TableNode(table.name(), table), t);
    }
    List<Json> condJson = json.list("conditionals", "conditional");
    for (Json c : condJson) {
      put(
          nodes,
          new ControlNode.CondNode(
              c.str("name"), exprs.cond(c.raw("expression"), c, ParamLayout.NONE)),
          c);
    }
    for (Json t : tableJson) {
      wireTable((ControlNode.TableNode) nodes.get(t.str("name")), t, nodes);
    }
    for (Json c : condJson) {
      ControlNode.CondNode n = (ControlNode.CondNode) nodes.get(c.str("name"));
      n.ifTrue = next(nodes, c, "true_next", c.strOrNull("true_next"));
      n.ifFalse = next(nodes, c, "false_next", c.strOrNull("false_next"));
    }
    ControlNode init = next(nodes, json, "init_table", json.strOrNull("init_table"));
    return new Pipeline(name, init, tables);
  }

  private static void put(Map<String, ControlNode> nodes, ControlNode n, Json ctx) {
    if (nodes.put(n.name, n) != null) {
      throw ctx.error("duplicate table or conditional name '" + n.name + "'");
    }
  }

  private static void wireTable(ControlNode.TableNode n, Json t, Map<String, ControlNode> nodes) {
    Json nextTables = t.obj("next_tables");
    JsonNode raw = nextTables.node();
    n.baseDefault = next(nodes, t, "base_default_next", t.strOrNull("base_default_next"));
    if (raw.has("__HIT__") || raw.has("__MISS__")) {
      n.hitMiss = true;
      n.onHit = next(nodes, t, "next_tables.__HIT__", nextTables.strOrNull("__HIT__"));
      n.onMiss = next(nodes, t, "next_tables.__MISS__", nextTables.strOrNull("__MISS__"));
      return;
    }
    List<ControlNode> byAction = new ArrayList<>();
    for (var action : n.table.actions()) {
      if (raw.has(action.name())) {
        byAction.add(
            next(nodes, t, "next_tables." + action.name(), nextTables.strOrNull(action.name())));
      } else {
        byAction.add(n.baseDefault);
      }
    }
    n.byAction = byAction.toArray(new ControlNode[0]);
  }

  private static ControlNode next(
      Map<String, ControlNode> nodes, Json ctx, String key, String target) {
    if (target == null) {
      return null;
    }
    ControlNode n = nodes.get(target);
    if (n == null) {
      throw ctx.error("'" + key + "' names unknown table or conditional '" + target + "'");
    }
    return n;
  }

  public String name() {
    return name;
  }

  public Map<String, MatchTable> tables() {
    return tables;
  }

  /** Runs the control on a packet; stops at the end of the graph or on {@code exit}. */
  public void run(Phv p) {
    ControlNode n = init;
    while (n != null && !p.exit) {
      n = n.run(p);
    }
    p.exit = false;
  }
}
