package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vdnctl optical}: optical devices, the routes between sites, and their channels. */
@Command(
    name = "optical",
    description = "Lists, adds and removes optical devices and routes; shows a device's channels.")
final class OpticalCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand Vdnctl top;

  @Command(name = "list", description = "Lists the optical devices.")
  int list() {
    top.table(
        top.call("GET", "/api/v1/optical/devices", null),
        "name",
        "driver",
        "host",
        "port",
        "model",
        "connected");
    return 0;
  }

  @Command(name = "add", description = "Declares an optical device (NETCONF or TL1).")
  int add(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--driver", required = true, description = "netconf or tl1") String driver,
      @Option(names = "--host", required = true) String host,
      @Option(names = "--port", required = true) int port,
      @Option(names = "--user", required = true) String user,
      @Option(names = "--password") String password,
      @Option(names = "--private-key", paramLabel = "FILE") String privateKey,
      @Option(names = "--host-key", paramLabel = "FILE") String hostKey,
      @Option(names = "--tid") String tid,
      @Option(names = "--model", description = "terminal-device or wavelength-router")
          String model) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    o.put("driver", driver);
    o.put("host", host);
    o.put("port", port);
    o.put("user", user);
    putIfSet(o, "password", password);
    putIfSet(o, "privateKey", privateKey);
    putIfSet(o, "hostKey", hostKey);
    putIfSet(o, "tid", tid);
    putIfSet(o, "model", model);
    top.print(top.call("POST", "/api/v1/optical/devices", o));
    return 0;
  }

  @Command(name = "remove", description = "Forgets an optical device.")
  int remove(@Parameters(paramLabel = "NAME") String name) {
    top.call("DELETE", "/api/v1/optical/devices/" + name, null);
    top.out().println("optical device " + name + " removed");
    return 0;
  }

  @Command(name = "channels", description = "Lists the channels a device holds (read from it).")
  int channels(@Parameters(paramLabel = "NAME") String name) {
    top.table(
        top.call("GET", "/api/v1/optical/devices/" + name + "/channels", null),
        "name",
        "frequencyMhz",
        "widthMhz",
        "sourcePort",
        "destinationPort");
    return 0;
  }

  @Command(name = "routes", description = "Lists the optical routes between sites.")
  int routes() {
    top.print(top.call("GET", "/api/v1/optical/routes", null));
    return 0;
  }

  @Command(name = "route", description = "Adds or replaces the optical route between two sites.")
  int route(
      @Parameters(paramLabel = "SITE_A") String siteA,
      @Parameters(paramLabel = "SITE_B") String siteB,
      @Option(
              names = "--hop",
              required = true,
              paramLabel = "DEVICE:SOURCE_PORT:DESTINATION_PORT",
              description = "A device of the route, in order; repeat for each.")
          List<String> hops) {
    ObjectNode o = JSON.createObjectNode();
    o.put("siteA", siteA);
    o.put("siteB", siteB);
    ArrayNode a = o.putArray("hops");
    for (String h : hops) {
      String[] parts = h.split(":");
      if (parts.length != 3) {
        throw new CommandLine.ParameterException(
            top.spec.commandLine(), "--hop takes DEVICE:SOURCE_PORT:DESTINATION_PORT, got " + h);
      }
      a.addObject()
          .put("device", parts[0])
          .put("sourcePort", parts[1])
          .put("destinationPort", parts[2]);
    }
    top.print(top.call("POST", "/api/v1/optical/routes", o));
    return 0;
  }

  private static void putIfSet(ObjectNode o, String field, String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
