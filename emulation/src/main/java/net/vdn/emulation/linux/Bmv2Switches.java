package net.vdn.emulation.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BMv2 switches: one {@code simple_switch_grpc} process per switch in this namespace, its data
 * ports on the rig's interfaces ({@code -i PORT@IFNAME}), P4Runtime on loopback, the CPU port 255.
 * Each starts with a program (BMv2 opens its packet stream only once it runs one); a controller
 * pushes its pipeline again, as it would to any switch whose cookie differs.
 */
public final class Bmv2Switches implements RigSwitches {
  public static final String BINARY = "simple_switch_grpc";
  private final LinuxRig rig;
  private final Path work;
  private final Map<Integer, Process> processes = new HashMap<>();
  private final Map<Integer, String> addresses = new HashMap<>();

  private Bmv2Switches(LinuxRig rig, Path work) {
    this.rig = rig;
    this.work = work;
  }

  /** Why BMv2 cannot run here, or null. */
  public static String unavailable() {
    return Sh.onPath(BINARY)
        ? null
        : BINARY
            + " is not on PATH (install BMv2: p4lang packages, or the p4lang/behavioral-model"
            + " image)";
  }

  /**
   * Starts one switch per switch of the rig, each running {@code program} (a BMv2 JSON) until a
   * controller pushes its own.
   */
  public static Bmv2Switches start(LinuxRig rig, byte[] program) throws Exception {
    Path work = Files.createTempDirectory("vdn-rig-bmv2-");
    Files.write(work.resolve("slicing.json"), program);
    Bmv2Switches s = new Bmv2Switches(rig, work);
    try {
      for (int sw = 1; sw <= rig.topology().switches(); sw++) {
        s.addresses.put(sw, "127.0.0.1:" + Sh.freePort());
        s.launch(sw);
      }
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
    return s;
  }

  private long launch(int sw) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY, "--device-id", "1"));
    for (int port : rig.topology().ports(sw)) {
      command.addAll(List.of("-i", port + "@" + rig.ifname(sw, port)));
    }
    command.addAll(
        List.of(
            "--thrift-port",
            String.valueOf(Sh.freePort()),
            "--notifications-addr",
            "ipc://" + work.resolve("s" + sw + ".ipc"),
            work.resolve("slicing.json").toString(),
            "--",
            "--grpc-server-addr",
            addresses.get(sw),
            "--cpu-port",
            "255"));
    Process p = Sh.start(work.resolve("s" + sw + ".log"), command.toArray(String[]::new));
    processes.put(sw, p);
    try {
      return RigSwitches.awaitListening(addresses.get(sw), 20_000_000_000L);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "BMv2 s" + sw + " did not start: " + Files.readString(work.resolve("s" + sw + ".log")));
    }
  }

  @Override
  public String kind() {
    return "BMv2";
  }

  @Override
  public String address(int sw) {
    return addresses.get(sw);
  }

  @Override
  public long restart(int sw) throws Exception {
    Process p = processes.remove(sw);
    p.destroyForcibly();
    p.waitFor();
    return launch(sw);
  }

  @Override
  public void close() {
    processes.values().forEach(Sh::stop);
    processes.clear();
  }
}
