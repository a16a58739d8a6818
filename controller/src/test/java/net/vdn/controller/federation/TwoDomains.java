package net.vdn.controller.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.Http;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.controller.topology.Link;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.p4runtime.ClientOptions;
import net.vdn.p4runtime.P4RuntimeClient;
import net.vdn.p4runtime.ReadQuery;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.testsupport.TestCertificates;

/**
 * Two domains, each an emulated network with its own controller, joined by a border link between
 * s2:20 (domain a) and b1:20 (domain b); each controller reaches the other's peering API through a
 * {@link Relay} that tests can make fail. Links carry 100 Mb/s. Hosts: h1 (s1:10), h2 (s1:11) in a;
 * g1 (b2:10), g2 (b2:11) in b.
 */
final class TwoDomains implements AutoCloseable {
  static final Topology A =
      new Topology(
          List.of(new Topology.Switch("s1", 1), new Topology.Switch("s2", 2)),
          List.of(new Topology.Link("s1", 1, "s2", 1, 100, 0.1)),
          List.of(
              new Topology.Host("h1", "s1", 10, "00:00:00:00:0a:01", "10.0.0.1"),
              new Topology.Host("h2", "s1", 11, "00:00:00:00:0a:02", "10.0.0.2")));
  static final Topology B =
      new Topology(
          List.of(new Topology.Switch("b1", 11), new Topology.Switch("b2", 12)),
          List.of(new Topology.Link("b1", 1, "b2", 1, 100, 0.1)),
          List.of(
              new Topology.Host("g1", "b2", 10, "00:00:00:00:0b:01", "10.0.0.101"),
              new Topology.Host("g2", "b2", 11, "00:00:00:00:0b:02", "10.0.0.102")));

  final EmulatedNetwork netA;
  final EmulatedNetwork netB;
  final Relay toA;
  final Relay toB;
  final TestCertificates certsA;
  final TestCertificates certsB;
  private final Path dir;
  private final long holdMs;
  private final int[] vlansA;
  private final int[] vlansB;
  private final String borderA;
  private final String borderB;
  private boolean tokensOnA;
  Controller a;
  Controller b;
  Http httpA;
  private final List<P4RuntimeClient> readers = new ArrayList<>();

  private TwoDomains(Path dir, long holdMs, int[] vlansA, int[] vlansB) throws Exception {
    this(dir, holdMs, vlansA, vlansB, A, "s2", B, "b1");
  }

  private TwoDomains(
      Path dir,
      long holdMs,
      int[] vlansA,
      int[] vlansB,
      Topology topologyA,
      String borderA,
      Topology topologyB,
      String borderB)
      throws Exception {
    this.dir = dir;
    this.borderA = borderA;
    this.borderB = borderB;
    this.holdMs = holdMs;
    this.vlansA = vlansA;
    this.vlansB = vlansB;
    certsA = TestCertificates.make(Files.createDirectories(dir.resolve("certs-a")));
    certsB = TestCertificates.make(Files.createDirectories(dir.resolve("certs-b")));
    netA = EmulatedNetwork.start(topologyA, 0);
    netB = EmulatedNetwork.start(topologyB, 0);
    EmulatedNetwork.join(netA, borderA, 20, netB, borderB, 20, 100, 0.5);
    toA = new Relay();
    toB = new Relay();
  }

  /** Both domains up, domain b keeping its state in a file (it is restarted by some tests). */
  static TwoDomains start(Path dir, long holdMs) throws Exception {
    return start(dir, holdMs, new int[] {100, 199}, new int[] {100, 199});
  }

  /** Both domains up, each declaring its own VLAN range on the border link ({@code {min, max}}). */
  static TwoDomains start(Path dir, long holdMs, int[] vlansA, int[] vlansB) throws Exception {
    return new TwoDomains(dir, holdMs, vlansA, vlansB).up();
  }

  /**
   * Two other networks as the domains, joined at port 20 of {@code borderA} and of {@code borderB}
   * (VLANs 100-199 on both sides).
   */
  static TwoDomains start(
      Path dir, long holdMs, Topology topologyA, String borderA, Topology topologyB, String borderB)
      throws Exception {
    int[] vlans = {100, 199};
    return new TwoDomains(dir, holdMs, vlans, vlans, topologyA, borderA, topologyB, borderB).up();
  }

  /** Both domains up, domain a's API asking for tokens (its first operator token made at start). */
  static TwoDomains startWithTokensOnA(Path dir) throws Exception {
    TwoDomains t = new TwoDomains(dir, 10_000, new int[] {100, 199}, new int[] {100, 199});
    t.tokensOnA = true;
    return t.up();
  }

  private TwoDomains up() throws Exception {
    try {
      startA();
      startB();
      awaitLinks();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
    return this;
  }

  void startA() {
    ControllerOptions o = options("a", netA, null);
    a = Controller.start(tokensOnA ? o.withSecurity(SecurityOptions.apiTokens()) : o);
    toA.target(a.peeringPort());
    httpA = new Http(a.restPort());
  }

  void startB() {
    b = Controller.start(options("b", netB, dir.resolve("b-state.json")));
    toB.target(b.peeringPort());
  }

  /** Domain a up; domain b's network and relay ready for a controller of b started elsewhere. */
  static TwoDomains startAOnly(Path dir, long holdMs) throws Exception {
    TwoDomains t = new TwoDomains(dir, holdMs, new int[] {100, 199}, new int[] {100, 199});
    try {
      t.startA();
    } catch (Exception | Error e) {
      t.close();
      throw e;
    }
    return t;
  }

  ControllerOptions options(String domain, EmulatedNetwork net, Path store) {
    boolean isA = domain.equals("a");
    TestCertificates mine = isA ? certsA : certsB;
    TestCertificates theirs = isA ? certsB : certsA;
    FederationOptions.Peering p =
        isA
            ? peering(borderA, 20, "b", borderB, 20, vlansA, toB, mine, theirs)
            : peering(borderB, 20, "a", borderA, 20, vlansB, toA, mine, theirs);
    return options(domain, net, store, mine, holdMs, List.of(p));
  }

  /**
   * One peering: this domain's border port, the peer's, the VLAN range ({@code {min, max}}), 100
   * Mb/s, the peer reached through a relay, each side's certificates.
   */
  static FederationOptions.Peering peering(
      String localDevice,
      int localPort,
      String peerDomain,
      String peerDevice,
      int peerPort,
      int[] vlans,
      Relay to,
      TestCertificates mine,
      TestCertificates theirs) {
    return new FederationOptions.Peering(
        localDevice,
        localPort,
        peerDomain,
        peerDevice,
        peerPort,
        vlans[0],
        vlans[1],
        100_000_000,
        "https://127.0.0.1:" + to.port(),
        mine.clientCert(),
        mine.clientKey(),
        theirs.ca());
  }

  /** A domain's controller on an emulated network, with its peerings. */
  static ControllerOptions options(
      String domain,
      EmulatedNetwork net,
      Path store,
      TestCertificates mine,
      long holdMs,
      List<FederationOptions.Peering> peerings) {
    List<DeviceConfig> devices = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    return ControllerOptions.defaults(store)
        .withRest("127.0.0.1", 0)
        .withDiscoveryInterval(Duration.ofMillis(200))
        .withDevices(devices)
        .withFederation(
            new FederationOptions(
                domain,
                "127.0.0.1",
                0,
                mine.serverCert(),
                mine.serverKey(),
                holdMs,
                1000,
                3,
                peerings));
  }

  void awaitLinks() {
    ControllerFixture.await(
        () ->
            a.services().topology().links().size() == 2 * netA.topology().links().size()
                && b.services().topology().links().size() == 2 * netB.topology().links().size(),
        Duration.ofSeconds(20),
        () -> "links: " + a.services().topology().links() + " " + b.services().topology().links());
  }

  /** Table entries on every switch of both networks, by switch. */
  Map<String, Integer> entries() {
    return entries(List.of(netA, netB));
  }

  /** Table entries on every switch of some networks, by switch, read from the switches. */
  static Map<String, Integer> entries(List<EmulatedNetwork> nets) {
    Map<String, Integer> out = new TreeMap<>();
    for (EmulatedNetwork net : nets) {
      for (Topology.Switch s : net.topology().switches()) {
        P4RuntimeClient c =
            P4RuntimeClient.connect(
                ClientOptions.builder(net.p4runtimeAddress(s.name()))
                    .deviceId(s.deviceId())
                    .build());
        try {
          c.fetchP4Info();
          out.put(
              s.name(),
              (int)
                  c.read(ReadQuery.allTables()).stream()
                      .filter(e -> e instanceof TableEntry t && !t.isDefault())
                      .count());
        } finally {
          c.close();
        }
      }
    }
    return out;
  }

  /** Bits per second reserved on any link of a domain, summed. */
  static long reserved(Controller c) {
    long sum = 0;
    for (Link l : c.services().topology().links()) {
      sum += c.services().paths().reserved(l);
    }
    return sum;
  }

  @Override
  public void close() throws Exception {
    readers.forEach(P4RuntimeClient::close);
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    toA.close();
    toB.close();
    netA.close();
    netB.close();
  }
}
