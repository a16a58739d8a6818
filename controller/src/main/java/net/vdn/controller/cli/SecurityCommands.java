package net.vdn.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Signing in, API tokens, grants and the audit log from {@code vdnctl}. */
final class SecurityCommands {
  private SecurityCommands() {}

  @Command(
      name = "login",
      description =
          "Keeps a token (API token or OIDC JWT) for later calls, in a file only you can read,"
              + " after checking it with the controller.")
  static final class Login implements Callable<Integer> {
    @ParentCommand Vdnctl top;

    @Option(
        names = "--token",
        description = "The token; read from standard input when absent (it stays out of ps).")
    String token;

    @Option(
        names = "--file",
        description = "Where to keep it (default: $VDN_TOKEN_FILE or ~/.config/vdn/token).")
    Path file;

    @Override
    public Integer call() throws IOException {
      String t = token;
      if (t == null) {
        t = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
      if (t == null || t.isBlank()) {
        throw new Vdnctl.ApiError("no token given");
      }
      top.token = t.trim();
      JsonNode me = top.call("GET", "/api/v1/whoami", null);
      Path where = file != null ? file : TokenFile.path();
      TokenFile.write(where, t.trim());
      top.out()
          .println(
              "signed in as "
                  + me.path("subject").asText()
                  + " ("
                  + me.path("role").asText()
                  + (me.path("tenant").isTextual()
                      ? " of tenant " + me.path("tenant").asText()
                      : "")
                  + "); token kept in "
                  + where);
      return 0;
    }
  }

  @Command(name = "whoami", description = "Shows who the controller takes you for.")
  static final class WhoAmI implements Callable<Integer> {
    @ParentCommand Vdnctl top;

    @Override
    public Integer call() {
      top.print(top.call("GET", "/api/v1/whoami", null));
      return 0;
    }
  }

  @Command(name = "token", description = "Creates, lists and revokes API tokens (operators).")
  static final class Tokens {
    @ParentCommand Vdnctl top;

    @Command(name = "create", description = "Creates a token; its value is shown this once.")
    int create(
        @Option(
                names = "--role",
                required = true,
                description = "operator, tenant-admin or tenant-viewer")
            String role,
        @Option(names = "--tenant", description = "The tenant (tenant roles).") String tenant,
        @Option(names = "--description") String description) {
      ObjectNode o = Vdnctl.JSON.createObjectNode().put("role", role);
      if (tenant != null) {
        o.put("tenant", tenant);
      }
      if (description != null) {
        o.put("description", description);
      }
      JsonNode t = top.call("POST", "/api/v1/tokens", o);
      if (top.output == Vdnctl.Output.json) {
        top.print(t);
      } else {
        top.out().println(t.path("token").asText());
        top.spec
            .commandLine()
            .getErr()
            .println(
                "token "
                    + t.path("id").asText()
                    + " ("
                    + role
                    + (tenant == null ? "" : " of " + tenant)
                    + "): shown once, keep it now");
      }
      return 0;
    }

    @Command(name = "list", description = "Lists the tokens (never their values).")
    int list() {
      top.table(
          top.call("GET", "/api/v1/tokens", null),
          "id",
          "role",
          "tenant",
          "created",
          "description");
      return 0;
    }

    @Command(name = "revoke", description = "Revokes a token.")
    int revoke(@Parameters(paramLabel = "ID") String id) {
      top.call("DELETE", "/api/v1/tokens/" + id, null);
      top.out().println("token " + id + " revoked");
      return 0;
    }
  }

  @Command(name = "grant", description = "Grants edge ports to tenants (operators).")
  static final class Grants {
    @ParentCommand Vdnctl top;

    @Command(name = "add", description = "Grants a port (or one VLAN on it) to a tenant.")
    int add(
        @Option(names = "--tenant", required = true) String tenant,
        @Parameters(paramLabel = "DEVICE:PORT[.VLAN]") String at) {
      ObjectNode o = point(at).put("tenant", tenant);
      top.print(top.call("POST", "/api/v1/grants", o));
      return 0;
    }

    @Command(name = "list", description = "Lists the grants (a tenant sees its own).")
    int list() {
      top.table(top.call("GET", "/api/v1/grants", null), "tenant", "device", "port", "vlan");
      return 0;
    }

    @Command(name = "remove", description = "Takes a grant back.")
    int remove(
        @Option(names = "--tenant", required = true) String tenant,
        @Parameters(paramLabel = "DEVICE:PORT[.VLAN]") String at) {
      ObjectNode p = point(at);
      top.call(
          "DELETE",
          "/api/v1/grants/"
              + tenant
              + "/"
              + p.path("device").asText()
              + "/"
              + p.path("port").asInt()
              + (p.has("vlan") ? "?vlan=" + p.path("vlan").asInt() : ""),
          null);
      top.out().println("grant " + at + " taken back from " + tenant);
      return 0;
    }

    private ObjectNode point(String at) {
      int colon = at.lastIndexOf(':');
      if (colon < 1) {
        throw new Vdnctl.ApiError("'" + at + "' is not DEVICE:PORT[.VLAN]");
      }
      String[] portVlan = at.substring(colon + 1).split("\\.", 2);
      ObjectNode o = Vdnctl.JSON.createObjectNode().put("device", at.substring(0, colon));
      try {
        o.put("port", Integer.parseInt(portVlan[0]));
        if (portVlan.length == 2) {
          o.put("vlan", Integer.parseInt(portVlan[1]));
        }
      } catch (NumberFormatException e) {
        throw new Vdnctl.ApiError("'" + at + "' is not DEVICE:PORT[.VLAN]");
      }
      return o;
    }
  }

  @Command(
      name = "audit",
      description = "Shows the newest changes asked of the controller (operators).")
  static final class Audit implements Callable<Integer> {
    @ParentCommand Vdnctl top;

    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
      top.table(
          top.call("GET", "/api/v1/audit?limit=" + limit, null),
          "time",
          "who",
          "action",
          "target",
          "status",
          "outcome",
          "requestId");
      return 0;
    }
  }
}
