package net.vdn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import net.vdn.packet.Ipv4Address;
import net.vdn.packet.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkNamespacesTest {
  private static boolean exists(String namespace) {
    return Files.exists(Path.of("/run/netns", namespace));
  }

  @Test
  void namesAreUniqueAndFitAnInterfaceName() {
    String a = NetworkNamespaces.uniqueName("vdnt");
    String b = NetworkNamespaces.uniqueName("vdnt");
    assertThat(a).isNotEqualTo(b).startsWith("vdnt");
    assertThat(a.length()).isLessThanOrEqualTo(14);
    assertThatThrownBy(() -> NetworkNamespaces.uniqueName("much-too-long-a-prefix"))
        .hasMessageContaining("longer than an interface name");
  }

  @Test
  void missingSaysWhatIsNeeded() {
    if (!Programs.isRoot()) {
      assertThat(NetworkNamespaces.missing())
          .hasValueSatisfying(m -> assertThat(m).contains("root"));
    } else {
      assertThat(NetworkNamespaces.missing().isEmpty()).isEqualTo(Programs.onPath("ip"));
    }
  }

  @Test
  void hostsInTwoNamespacesPingOverAVethPairAndCloseRemovesOnlyWhatItMade(@TempDir Path dir)
      throws Exception {
    NetworkNamespaces.assumeAvailable();
    String bystander = NetworkNamespaces.uniqueName("vdnb");
    Programs.run("ip", "netns", "add", bystander);
    String outside = NetworkNamespaces.uniqueName("vdnv");
    Namespace a;
    Namespace b;
    try {
      try (var nets = new NetworkNamespaces()) {
        a = nets.create("vdna");
        b = nets.create("vdnb");
        assertThat(exists(a.name())).isTrue();
        a.veth("ea", b, "eb");
        MacAddress macA = MacAddress.parse("02:00:00:00:0a:01");
        a.mac("ea", macA);
        assertThat(a.mac("ea")).isEqualTo(macA);
        a.address("ea", Ipv4Address.parse("10.99.0.1"), 24);
        b.address("eb", Ipv4Address.parse("10.99.0.2"), 24);
        b.neighbor("eb", Ipv4Address.parse("10.99.0.1"), macA);
        assertThat(b.exec("ip", "neigh", "show")).contains("10.99.0.1").contains(macA.toString());
        assertThat(b.exec("sysctl", "-n", "net.ipv6.conf.eb.disable_ipv6").strip()).isEqualTo("1");
        assertThat(a.exec("ping", "-c", "1", "-W", "2", "10.99.0.2")).contains("1 received");

        // A pair between the initial namespace and a namespace, and a process in a namespace.
        nets.initial().veth(outside, a, "ea2");
        assertThat(Path.of("/sys/class/net", outside)).exists();
        Process sleeper = a.start(dir.resolve("sleep.log"), "sleep", "60");
        assertThat(sleeper.isAlive()).isTrue();
        nets.close();
        assertThat(sleeper.isAlive()).isFalse();
      }
      assertThat(exists(a.name())).isFalse();
      assertThat(exists(b.name())).isFalse();
      assertThat(Path.of("/sys/class/net", outside)).doesNotExist();
      assertThat(exists(bystander)).as("a namespace the test did not make").isTrue();
    } finally {
      Programs.run("ip", "netns", "del", bystander);
    }
  }

  @Test
  void commandsRunInTheirNamespace() throws Exception {
    NetworkNamespaces.assumeAvailable();
    try (var nets = new NetworkNamespaces()) {
      Namespace ns = nets.create("vdnc");
      assertThat(ns.command("ip", "link"))
          .containsExactly("ip", "netns", "exec", ns.name(), "ip", "link");
      assertThat(nets.initial().command("ip", "link")).containsExactly("ip", "link");
      // A new namespace has nothing but its loopback.
      assertThat(ns.exec("ip", "-o", "link").strip().lines())
          .hasSize(1)
          .first()
          .asString()
          .contains("lo");
    }
  }
}
