package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vdnctl}: the controller's REST API from a shell. */
@Command(
    name = "vdnctl",
    mixinStandardHelpOptions = true,
    description = "Manages a VDN controller: devices, links, hosts and slices.",
    subcommands = {
      Vdnctl.Health.class,
      Vdnctl.Devices.class,
      Vdnctl.Links.class,
      Vdnctl.Hosts.class,
      Vdnctl.Slices.class,
      OpticalCommands.class,
      OpenFlowCommands.class,
      ClusterCommands.class,
      SecurityCommands.Login.class,
      SecurityCommands.WhoAmI.class,
      SecurityCommands.Tokens.class,
      SecurityCommands.Grants.class,
      SecurityCommands.Audit.class,
      EventCommands.class
    })
public final class Vdnctl {
  static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);

  @Option(
      names = "--url",
      description = "The controller's address (default: $VDN_URL or ${DEFAULT-VALUE}).",
      defaultValue = "${env:VDN_URL:-http://127.0.0.1:8181}")
  String url;

  @Option(
      names = "--token",
      description =
          "The API token or JWT to call with (default: $VDN_TOKEN, else the file vdnctl login"
              + " wrote: $VDN_TOKEN_FILE or ~/.config/vdn/token).",
      defaultValue = "${env:VDN_TOKEN}")
  String token;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      description =
          "Trust this CA (or self-signed) certificate for an https:// controller (default: $VDN_CA).",
      defaultValue = "${env:VDN_CA}")
  java.nio.file.Path ca;

  @Option(
      names = {"-o", "--output"},
      description = "table (rates with units, shares in percent) or json (the API's raw numbers).",
      defaultValue = "table")
  Output output;

  /** How listings are printed. */
  enum Output {
    table,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The answer to a request that failed: HTTP code and the API's message. */
  static final class ApiError extends RuntimeException {
    ApiError(String message) {
      super(message);
    }
  }

  JsonNode call(String method, String path, JsonNode body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    String credential = token != null && !token.isBlank() ? token : TokenFile.read().orElse(null);
    if (credential != null) {
      b.header("Authorization", "Bearer " + credential.trim());
    }
    try {
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      HttpResponse<String> r;
      HttpClient.Builder cb =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5));
      if (ca != null) {
        cb.sslContext(TokenFile.trusting(ca));
      }
      try (HttpClient client = cb.build()) {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      }
      JsonNode answer = r.body().isEmpty() ? null : JSON.readTree(r.body());
      if (r.statusCode() >= 400) {
        JsonNode err = answer == null ? null : answer.get("error");
        throw new ApiError(
            err == null
                ? "HTTP " + r.statusCode()
                : err.path("message").asText()
                    + " ("
                    + r.statusCode()
                    + " "
                    + err.path("status").asText()
                    + ")");
      }
      return answer;
    } catch (IOException e) {
      throw new ApiError("cannot reach the controller at " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError("interrupted");
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  void print(JsonNode n) {
    if (n != null) {
      try {
        out().println(JSON.writeValueAsString(n));
      } catch (IOException e) {
        throw new ApiError(e.getMessage());
      }
    }
  }

  /**
   * Prints rows of the given fields as aligned columns (rates in bits per second with a unit,
   * utilization in percent), or the rows as the API gave them with {@code -o json}.
   */
  void table(JsonNode rows, String... fields) {
    if (output == Output.json) {
      print(rows);
      return;
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(
        java.util.Arrays.stream(fields)
            .map(f -> Units.header(f).toUpperCase(Locale.ROOT))
            .toArray(String[]::new));
    for (JsonNode r : rows) {
      String[] line = new String[fields.length];
      for (int i = 0; i < fields.length; i++) {
        line[i] = Units.show(fields[i], r.get(fields[i]));
      }
      lines.add(line);
    }
    int[] width = new int[fields.length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        s.append(i == l.length - 1 ? l[i] : String.format("%-" + (width[i] + 2) + "s", l[i]));
      }
      out().println(s.toString().stripTrailing());
    }
  }

  /** Parses a rate: bits per second, with an optional k, M or G suffix ("10M" is 10 Mb/s). */
  static long rate(String text) {
    String t = text.trim();
    long unit = 1;
    char last = t.isEmpty() ? ' ' : Character.toUpperCase(t.charAt(t.length() - 1));
    if (last == 'K' || last == 'M' || last == 'G') {
      unit = last == 'K' ? 1_000L : last == 'M' ? 1_000_000L : 1_000_000_000L;
      t = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(t);
      if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return Math.round(v * unit);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a rate (bits per second, e.g. 10M, 1.5G, 500k)");
    }
  }

  @Command(name = "health", description = "Shows the controller's health.")
  static final class Health implements Callable<Integer> {
    @ParentCommand Vdnctl top;

    @Override
    public Integer call() {
      top.print(top.call("GET", "/api/v1/health", null));
      return 0;
    }
  }

  @Command(
      name = "device",
      description = "Lists, shows, adds and removes devices; shows and sets their ports.")
  static final class Devices {
    @ParentCommand Vdnctl top;

    @Command(name = "list", description = "Lists the devices.")
    int list() {
      top.table(
          top.call("GET", "/api/v1/devices", null),
          "name",
          "state",
          "p4runtime",
          "deviceId",
          "gnmi",
          "portCount",
          "mirrorEntities");
      return 0;
    }

    @Command(name = "show", description = "Shows one device.")
    int show(@Parameters(paramLabel = "NAME") String name) {
      top.print(top.call("GET", "/api/v1/devices/" + name, null));
      return 0;
    }

    @Command(
        name = "add",
        description = "Declares a P4Runtime device running the slicing pipeline.")
    int add(
        @Parameters(paramLabel = "NAME") String name,
        @Option(names = "--p4runtime", required = true, paramLabel = "HOST:PORT") String address,
        @Option(names = "--device-id", required = true) long deviceId,
        @Option(names = "--gnmi", paramLabel = "HOST:PORT") String gnmi,
        @Option(names = "--ports", split = ",", paramLabel = "N") List<Integer> ports) {
      ObjectNode o = JSON.createObjectNode();
      o.put("name", name);
      o.put("p4runtime", address);
      o.put("deviceId", deviceId);
      if (gnmi != null) {
        o.put("gnmi", gnmi);
      }
      if (ports != null) {
        ports.forEach(o.putArray("ports")::add);
      }
      top.print(top.call("POST", "/api/v1/devices", o));
      return 0;
    }

    @Command(name = "remove", description = "Forgets a device.")
    int remove(@Parameters(paramLabel = "NAME") String name) {
      top.call("DELETE", "/api/v1/devices/" + name, null);
      top.out().println("device " + name + " removed");
      return 0;
    }

    @Command(name = "ports", description = "Lists a device's ports.")
    int ports(@Parameters(paramLabel = "NAME") String name) {
      top.table(
          top.call("GET", "/api/v1/devices/" + name + "/ports", null),
          "number",
          "name",
          "speedBps",
          "enabled",
          "up",
          "outBps");
      return 0;
    }

    @Command(
        name = "reconcile",
        description = "Reads a device back and brings it to exactly what it should hold.")
    int reconcile(@Parameters(paramLabel = "NAME") String name) {
      top.print(top.call("POST", "/api/v1/devices/" + name + "/reconcile", null));
      return 0;
    }

    @Command(name = "port", description = "Turns a port up or down (through gNMI).")
    int port(
        @Parameters(paramLabel = "NAME") String name,
        @Parameters(paramLabel = "PORT") int port,
        @Parameters(paramLabel = "up|down") String state) {
      if (!state.equals("up") && !state.equals("down")) {
        throw new CommandLine.ParameterException(
            top.spec.commandLine(), "the port state must be 'up' or 'down', got '" + state + "'");
      }
      ObjectNode o = JSON.createObjectNode().put("enabled", state.equals("up"));
      top.print(top.call("PUT", "/api/v1/devices/" + name + "/ports/" + port, o));
      return 0;
    }
  }

  @Command(name = "link", description = "Lists the discovered links.")
  static final class Links {
    @ParentCommand Vdnctl top;

    @Command(name = "list", description = "Lists the discovered link directions.")
    int list() {
      top.table(
          top.call("GET", "/api/v1/links", null),
          "src",
          "dst",
          "capacityBps",
          "reservedBps",
          "utilization");
      return 0;
    }
  }

  @Command(name = "host", description = "Lists the hosts learned from ARP.")
  static final class Hosts {
    @ParentCommand Vdnctl top;

    @Command(name = "list", description = "Lists the hosts.")
    int list() {
      top.table(top.call("GET", "/api/v1/hosts", null), "ip", "mac", "location");
      return 0;
    }
  }

  @Command(
      name = "slice",
      description = "Lists, shows, creates, modifies and deletes slices; shows their counters.")
  static final class Slices {
    @ParentCommand Vdnctl top;

    @Command(name = "list", description = "Lists the slices.")
    int list() {
      JsonNode rows = top.call("GET", "/api/v1/slices", null);
      for (JsonNode r : rows) {
        List<String> eps = new ArrayList<>();
        r.path("endpoints")
            .forEach(
                e ->
                    eps.add(
                        e.path("device").asText()
                            + ":"
                            + e.path("port").asInt()
                            + (e.has("vlan") ? ":" + e.path("vlan").asInt() : "")));
        ((ObjectNode) r).put("ends", String.join(" ", eps));
      }
      top.table(rows, "name", "tenant", "sliceId", "status", "cirBps", "pirBps", "ends");
      return 0;
    }

    @Command(name = "show", description = "Shows one slice with its paths.")
    int show(@Parameters(paramLabel = "NAME") String name) {
      top.print(top.call("GET", "/api/v1/slices/" + name, null));
      return 0;
    }

    @Command(name = "create", description = "Creates a slice.")
    int create(
        @Parameters(paramLabel = "NAME") String name, @CommandLine.Mixin SliceOptions options) {
      top.print(top.call("POST", "/api/v1/slices", options.body(name)));
      return 0;
    }

    @Command(name = "modify", description = "Changes a slice's rates, endpoints or class.")
    int modify(
        @Parameters(paramLabel = "NAME") String name, @CommandLine.Mixin SliceOptions options) {
      top.print(top.call("PUT", "/api/v1/slices/" + name, options.body(name)));
      return 0;
    }

    @Command(name = "delete", description = "Deletes a slice.")
    int delete(@Parameters(paramLabel = "NAME") String name) {
      top.call("DELETE", "/api/v1/slices/" + name, null);
      top.out().println("slice " + name + " deleted");
      return 0;
    }

    @Command(name = "stats", description = "Shows a slice's packets and bytes.")
    int stats(@Parameters(paramLabel = "NAME") String name) {
      top.print(top.call("GET", "/api/v1/slices/" + name + "/stats", null));
      return 0;
    }
  }

  /** The command line, reporting API errors as one line. */
  public static CommandLine commandLine() {
    return new CommandLine(new Vdnctl())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("vdnctl: " + e.getMessage());
              return e instanceof ApiError ? 1 : 2;
            });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
