package net.vdn.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;

/**
 * The emulated KREONET-S in a process of its own, so that a benchmark's JVM holds only the
 * controller. Prints {@code READY} once every switch serves P4Runtime, and stops when its standard
 * input closes.
 *
 * <p>Usage: {@code EmulatedKreonet --first-port N}.
 */
public final class EmulatedKreonet {
  private EmulatedKreonet() {}

  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(PacketRateBench.arg(args, "--first-port", "52001"));
    try (EmulatedNetwork net = EmulatedNetwork.start(Topology.kreonetS(), first);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY " + net.topology().switches().size());
      System.out.flush();
      while (in.readLine() != null) {
        // Runs until the parent closes the pipe.
      }
    }
  }
}
