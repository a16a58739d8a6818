package net.vdn.softswitch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.softswitch.p4rt.SoftswitchDevice;
import net.vdn.softswitch.port.LinuxInterfacePort;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one softswitch that any P4Runtime client can drive. */
@Command(
    name = "softswitch",
    mixinStandardHelpOptions = true,
    description = "Runs one VDN softswitch serving P4Runtime.")
public final class Main implements Callable<Integer> {
  @Option(names = "--p4rt-port", description = "P4Runtime port (default ${DEFAULT-VALUE}).")
  int port = 9559;

  @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--workers",
      description =
          "Threads that process frames in parallel, one flow always on the same one (1: one"
              + " thread, in arrival order; default 0: one per core, at most one per port).")
  private int workers = 0;

  @Option(names = "--device-id", description = "P4Runtime device id (default ${DEFAULT-VALUE}).")
  long deviceId = 1;

  @Option(
      names = "--cpu-port",
      description = "CPU port for packet-in and packet-out (default ${DEFAULT-VALUE}).")
  int cpuPort = 255;

  @Option(
      names = "--link",
      paramLabel = "A:B",
      description =
          "Wire port A to port B of this switch (a frame out of one comes in on the other).")
  List<String> links = new ArrayList<>();

  @Option(
      names = "--p4rt-unix",
      paramLabel = "PATH",
      description = "Serve P4Runtime and gNMI on this Unix socket instead of a TCP port.")
  String unixSocket;

  @Option(
      names = "--bind-udp",
      paramLabel = "PORT=LOCAL:PEER",
      description =
          "Carry switch port PORT as UDP datagrams between loopback ports LOCAL (ours) and PEER"
              + " (a relay to a Linux interface, e.g. socat INTERFACE:veth0 UDP-DATAGRAM:127.0.0.1:LOCAL,bind=127.0.0.1:PEER).")
  List<String> udpPorts = new ArrayList<>();

  @Option(
      names = "--interface",
      paramLabel = "PORT@IFNAME",
      description =
          "Bind switch port PORT to Linux interface IFNAME (e.g. 1@veth1): frames are sent and"
              + " received on it through a raw packet socket, VLAN tags kept. Linux, root or"
              + " CAP_NET_RAW.")
  List<String> interfaces = new ArrayList<>();

  @Option(
      names = "--pipeline",
      paramLabel = "P4INFO,JSON",
      split = ",",
      description = "Load this pipeline at start (P4Info text or binary, and BMv2 JSON).")
  List<Path> pipeline = new ArrayList<>();

  @Option(
      names = "--grpc-server-ssl",
      description = "Serve P4Runtime and gNMI over TLS (needs --grpc-server-cert and -key).")
  boolean ssl;

  @Option(names = "--grpc-server-cert", paramLabel = "PEM", description = "Server certificate.")
  Path sslCert;

  @Option(names = "--grpc-server-key", paramLabel = "PEM", description = "Server private key.")
  Path sslKey;

  @Option(
      names = "--grpc-server-cacert",
      paramLabel = "PEM",
      description = "CA of client certificates (with --grpc-server-with-client-auth).")
  Path sslClientCa;

  @Option(
      names = "--grpc-server-with-client-auth",
      description = "Require a client certificate signed by --grpc-server-cacert (mutual TLS).")
  boolean clientAuth;

  /** TLS from the --grpc-server-* options (named as BMv2 names them), or null for plaintext. */
  private net.vdn.softswitch.p4rt.ServerTls tls() {
    if (!ssl) {
      if (sslCert != null || sslKey != null || clientAuth) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--grpc-server-cert, -key and -with-client-auth need --grpc-server-ssl");
      }
      return null;
    }
    if (sslCert == null || sslKey == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--grpc-server-ssl needs --grpc-server-cert and --grpc-server-key");
    }
    if (clientAuth && sslClientCa == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--grpc-server-with-client-auth needs --grpc-server-cacert");
    }
    return new net.vdn.softswitch.p4rt.ServerTls(sslCert, sslKey, clientAuth ? sslClientCa : null);
  }

  /** A switch port and the Linux interface it is bound to, from PORT@IFNAME. */
  private record InterfaceSpec(int port, String ifname) {}

  private List<InterfaceSpec> interfaceSpecs() {
    List<InterfaceSpec> specs = new ArrayList<>();
    for (String spec : interfaces) {
      int at = spec.indexOf('@');
      int port;
      try {
        port = at > 0 ? Integer.parseInt(spec.substring(0, at)) : -1;
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 0 || at == spec.length() - 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--interface takes PORT@IFNAME (e.g. 1@veth1), got " + spec);
      }
      specs.add(new InterfaceSpec(port, spec.substring(at + 1)));
    }
    if (!specs.isEmpty() && LinuxInterfacePort.unsupportedReason() != null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--interface: " + LinuxInterfacePort.unsupportedReason());
    }
    return specs;
  }

  /** Refuses a port given to more than one of --link, --bind-udp and --interface. */
  private void claim(java.util.Set<Integer> used, int port, String option) {
    if (!used.add(port)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          option
              + ": port "
              + port
              + " is already wired by another --link, --bind-udp or"
              + " --interface");
    }
  }

  @Override
  public Integer call() throws Exception {
    List<InterfaceSpec> interfaceSpecs = interfaceSpecs();
    var tls = tls();
    if (tls != null && unixSocket != null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--grpc-server-ssl serves TCP: leave out --p4rt-unix");
    }
    java.util.Set<Integer> used = new java.util.HashSet<>();
    if (workers < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--workers takes 0 (default) or more, got " + workers);
    }
    SoftswitchDevice device = new SoftswitchDevice(deviceId, cpuPort, workers);
    List<int[]> wires = new ArrayList<>();
    for (String link : links) {
      String[] ends = link.split(":");
      if (ends.length != 2) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--link takes A:B, got " + link);
      }
      int a = Integer.parseInt(ends[0]);
      int b = Integer.parseInt(ends[1]);
      claim(used, a, "--link");
      claim(used, b, "--link");
      wires.add(new int[] {a, b});
      device.ports().add(a, String.valueOf(a), 10_000_000_000L);
      device.ports().add(b, String.valueOf(b), 10_000_000_000L);
    }
    java.util.Map<Integer, net.vdn.softswitch.port.UdpPortBridge> bridges =
        new java.util.HashMap<>();
    for (String spec : udpPorts) {
      String[] parts = spec.split("[=:]");
      if (parts.length != 3) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--bind-udp takes PORT=LOCAL:PEER, got " + spec);
      }
      int swPort = Integer.parseInt(parts[0]);
      claim(used, swPort, "--bind-udp");
      device.ports().add(swPort, String.valueOf(swPort), 10_000_000_000L);
      bridges.put(
          swPort,
          new net.vdn.softswitch.port.UdpPortBridge(
              swPort,
              new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(parts[1])),
              new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(parts[2])),
              device::receive));
    }
    for (InterfaceSpec spec : interfaceSpecs) {
      claim(used, spec.port(), "--interface");
    }
    for (InterfaceSpec spec : interfaceSpecs) {
      try {
        device.bindInterface(spec.port(), spec.ifname());
      } catch (java.io.IOException e) {
        device.close();
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--interface: port " + spec.port() + ": " + e.getMessage());
      }
    }
    device.onEgress(
        (egress, frame) -> {
          var bridge = bridges.get(egress);
          if (bridge != null) {
            bridge.send(frame);
          }
          for (int[] w : wires) {
            if (w[0] == egress) {
              device.receive(w[1], frame);
            } else if (w[1] == egress) {
              device.receive(w[0], frame);
            }
          }
        });
    if (!pipeline.isEmpty()) {
      if (pipeline.size() != 2) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--pipeline takes P4INFO,JSON");
      }
      device.load(P4InfoIndex.read(pipeline.get(0)), Files.readAllBytes(pipeline.get(1)));
    }
    if (unixSocket != null) {
      device.serveUnix(unixSocket);
      System.out.printf(
          "softswitch device %d: P4Runtime on unix://%s, CPU port %d%n",
          deviceId, unixSocket, cpuPort);
    } else {
      int bound = device.serve(host, port, tls);
      System.out.printf(
          "softswitch device %d: P4Runtime on %s:%d%s, CPU port %d%n",
          deviceId,
          host,
          bound,
          tls == null ? "" : tls.mutual() ? " (mutual TLS)" : " (TLS)",
          cpuPort);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  device.close();
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Main())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  cmd.getErr().println("softswitch: " + e.getMessage());
                  return 2;
                })
            .execute(args));
  }
}
