package net.vdn.controller.rig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.vdn.controller.Http;
import net.vdn.emulation.linux.RigSwitches;
import net.vdn.emulation.linux.RigTopology;

/**
 * A controller in front of a rig's switches, as an operator runs it: a process of its own started
 * from a config file that declares the switches, with a file store; links found by LLDP through the
 * switches' CPU ports; everything asked of it over REST. Stopping it is kill -9.
 */
public final class RigController implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final Path config;
  private final int restPort;
  private Process process;
  private Http http;

  public RigController(Path dir, RigSwitches switches, RigTopology topology) throws Exception {
    this(dir, freePort(), port -> config(switches, topology, port));
  }

  /** The config file's text, given the REST port it is to name. */
  public interface Config {
    String text(int restPort) throws IOException;
  }

  /**
   * A controller process on any config (written to {@code dir/vdn.json}, with API tokens on: the
   * first start prints the operator token).
   */
  public RigController(Path dir, int restPort, Config config) throws Exception {
    this.dir = dir;
    this.restPort = restPort;
    this.config = dir.resolve("vdn.json");
    Files.writeString(this.config, config.text(restPort));
    start();
  }

  /**
   * The config an operator writes for the rig: the switches' P4Runtime addresses and ports (no
   * gNMI: port speeds given), the store beside it, links probed every 500 ms (a BMv2 switch on a
   * busy machine may take a few hundred milliseconds to hand a probe back; links age out after 3.5
   * intervals).
   */
  static String config(RigSwitches switches, RigTopology topology, int restPort)
      throws IOException {
    ObjectNode c = JSON.createObjectNode();
    c.put("restHost", "127.0.0.1");
    c.put("restPort", restPort);
    c.put("store", "vdn-state.json");
    c.put("discoveryIntervalMs", 500);
    ArrayNode devices = c.putArray("devices");
    for (int sw = 1; sw <= topology.switches(); sw++) {
      ObjectNode d = devices.addObject();
      d.put("name", "s" + sw);
      d.put("p4runtime", switches.address(sw));
      d.put("deviceId", 1);
      ArrayNode ports = d.putArray("ports");
      topology.ports(sw).forEach(ports::add);
      d.put("portSpeedBps", RigSwitches.PORT_SPEED_BPS);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c);
  }

  /** Starts a controller on the config (after {@link #kill}, a restart: it restores the slices). */
  public void start() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ControllerProcess.class.getName());
    command.add(config.toString());
    Path log = dir.resolve("controller.log");
    // The log is appended to across restarts: only what this start writes counts.
    int from = Files.exists(log) ? Files.readString(log).length() : 0;
    process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the controller exited: " + Files.readString(log));
      }
      String out = Files.readString(log).substring(from);
      if (out.contains("READY " + restPort)) {
        if (http == null) {
          // API tokens are on, as in an operator's config: the first start prints the operator
          // token, which stays valid across restarts (the store keeps its hash).
          Matcher m = Pattern.compile("(?m)^TOKEN (\\S+)$").matcher(out);
          if (!m.find()) {
            throw new IllegalStateException("no operator token printed: " + out);
          }
          http = new Http(restPort, m.group(1));
        }
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the controller did not start: " + Files.readString(log));
  }

  /**
   * Kills the controller (SIGKILL): nothing of it says goodbye; the switches keep their entries.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public Http http() {
    return http;
  }

  /** The controller's log, for failures. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("controller.log"));
  }

  public static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
