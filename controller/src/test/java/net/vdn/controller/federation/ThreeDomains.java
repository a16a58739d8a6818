package net.vdn.controller.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.Http;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.TestCertificates;

/**
 * Three domains in a row, each an emulated network with its own controller: a (s1, s2) peers with b
 * at s2:20 - b1:20; b (b1, b2) peers with c at b2:21 - c1:20; c (c1, c2) peers with b only. Domain
 * a and domain c are not peers: a slice between them crosses b. Each controller reaches the others'
 * peering APIs through a {@link Relay}. Links carry 100 Mb/s; VLAN ranges are 100-199 between a and
 * b, and 300-399 between b and c (so b translates). Hosts: h1, h2 in a (s1:10, s1:11); g1, g2 in b
 * (b2:10, b2:11); k1 (c2:10, 10.0.0.201), k2 (c2:11, 10.0.0.202) in c.
 */
final class ThreeDomains implements AutoCloseable {
  static final Topology C =
      new Topology(
          List.of(new Topology.Switch("c1", 21), new Topology.Switch("c2", 22)),
          List.of(new Topology.Link("c1", 1, "c2", 1, 100, 0.1)),
          List.of(
              new Topology.Host("k1", "c2", 10, "00:00:00:00:0c:01", "10.0.0.201"),
              new Topology.Host("k2", "c2", 11, "00:00:00:00:0c:02", "10.0.0.202")));
  static final int[] AB = {100, 199};
  static final int[] BC = {300, 399};

  final EmulatedNetwork netA;
  final EmulatedNetwork netB;
  final EmulatedNetwork netC;
  final Relay toA = new Relay();
  final Relay toB = new Relay();
  final Relay toC = new Relay();
  private final TestCertificates certsA;
  private final TestCertificates certsB;
  private final TestCertificates certsC;
  private final long holdMs;
  Controller a;
  Controller b;
  Controller c;
  Http httpA;

  private ThreeDomains(Path dir, long holdMs) throws Exception {
    this.holdMs = holdMs;
    certsA = TestCertificates.make(Files.createDirectories(dir.resolve("certs-a")));
    certsB = TestCertificates.make(Files.createDirectories(dir.resolve("certs-b")));
    certsC = TestCertificates.make(Files.createDirectories(dir.resolve("certs-c")));
    netA = EmulatedNetwork.start(TwoDomains.A, 0);
    netB = EmulatedNetwork.start(TwoDomains.B, 0);
    netC = EmulatedNetwork.start(C, 0);
    EmulatedNetwork.join(netA, "s2", 20, netB, "b1", 20, 100, 0.5);
    EmulatedNetwork.join(netB, "b2", 21, netC, "c1", 20, 100, 0.5);
  }

  static ThreeDomains start(Path dir, long holdMs) throws Exception {
    ThreeDomains t = new ThreeDomains(dir, holdMs);
    try {
      t.a =
          Controller.start(
              TwoDomains.options(
                  "a",
                  t.netA,
                  null,
                  t.certsA,
                  holdMs,
                  List.of(
                      TwoDomains.peering("s2", 20, "b", "b1", 20, AB, t.toB, t.certsA, t.certsB))));
      t.toA.target(t.a.peeringPort());
      t.startB();
      t.c =
          Controller.start(
              TwoDomains.options(
                  "c",
                  t.netC,
                  null,
                  t.certsC,
                  holdMs,
                  List.of(
                      TwoDomains.peering("c1", 20, "b", "b2", 21, BC, t.toB, t.certsC, t.certsB))));
      t.toC.target(t.c.peeringPort());
      t.httpA = new Http(t.a.restPort());
      ControllerFixture.await(
          () -> t.all().stream().allMatch(x -> x.services().topology().links().size() == 2),
          Duration.ofSeconds(10),
          () -> "links not all discovered");
    } catch (Exception | Error e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** The transit domain's controller (again, after {@code b.close()}), on no store of its own. */
  void startB() {
    b =
        Controller.start(
            TwoDomains.options(
                "b",
                netB,
                null,
                certsB,
                holdMs,
                List.of(
                    TwoDomains.peering("b1", 20, "a", "s2", 20, AB, toA, certsB, certsA),
                    TwoDomains.peering("b2", 21, "c", "c1", 20, BC, toC, certsB, certsC))));
    toB.target(b.peeringPort());
  }

  List<Controller> all() {
    return List.of(a, b, c);
  }

  /** Table entries on every switch of the three networks, by switch. */
  Map<String, Integer> entries() {
    return TwoDomains.entries(List.of(netA, netB, netC));
  }

  @Override
  public void close() throws Exception {
    for (Controller x : new Controller[] {a, b, c}) {
      if (x != null) {
        x.close();
      }
    }
    for (AutoCloseable x : List.of(toA, toB, toC, netA, netB, netC)) {
      x.close();
    }
  }
}
