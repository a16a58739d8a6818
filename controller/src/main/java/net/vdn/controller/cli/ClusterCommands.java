package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vdnctl cluster}: the controllers sharing the network, which devices each masters, and at
 * which term.
 */
@Command(
    name = "cluster",
    description = "Shows the cluster: its members, and each device's master and term.")
final class ClusterCommands implements Callable<Integer> {
  @ParentCommand Vdnctl top;

  @Override
  public Integer call() {
    JsonNode c = top.call("GET", "/api/v1/cluster", null);
    if (top.output == Vdnctl.Output.json) {
      top.print(c);
      return 0;
    }
    top.out()
        .printf(
            "%s cluster, seen from %s; store: %s%s%n",
            c.path("mode").asText(),
            c.path("self").asText(),
            c.path("store").asText(),
            c.path("storeAvailable").asBoolean() ? "" : " (UNAVAILABLE: changes are refused)");
    ArrayNode members = JsonNodeFactory.instance.arrayNode();
    for (JsonNode m : c.path("members")) {
      ObjectNode row = members.addObject();
      row.put("member", m.path("name").asText() + (m.path("self").asBoolean() ? " (self)" : ""));
      row.put("alive", m.path("alive").asBoolean() ? "yes" : "NO");
      row.put("api", m.path("api").asText("-"));
      row.put("devices", String.join(" ", iterable(m.path("devices"))));
    }
    top.table(members, "member", "alive", "api", "devices");
    top.out().println();
    ArrayNode masters = JsonNodeFactory.instance.arrayNode();
    for (JsonNode m : c.path("masters")) {
      ObjectNode row = masters.addObject();
      row.put("device", m.path("device").asText());
      row.put("master", m.path("master").asText("-"));
      row.put("term", m.path("term").asLong());
      row.put("ready", m.path("ready").asBoolean() ? "yes" : "no");
    }
    top.table(masters, "device", "master", "term", "ready");
    return 0;
  }

  private static java.util.List<String> iterable(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
