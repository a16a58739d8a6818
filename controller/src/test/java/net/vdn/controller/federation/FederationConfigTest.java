package net.vdn.controller.federation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.error.ConfigException;
import org.junit.jupiter.api.Test;

/** Federation settings a controller refuses at start, with the setting named. */
class FederationConfigTest {
  static FederationOptions domain() {
    return new FederationOptions(
        "a", "127.0.0.1", 0, Path.of("peering.pem"), Path.of("peering.key"), 0, 0, 0, List.of());
  }

  @Test
  void aClusterMemberCannotServeADomain() {
    ControllerOptions member =
        ControllerOptions.inMemory()
            .withCluster(ClusterConfig.of("c1", List.of("http://127.0.0.1:2379")));
    assertThatThrownBy(() -> member.withFederation(domain()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("federation")
        .hasMessageContaining("cluster");
    ControllerOptions alone = ControllerOptions.inMemory().withFederation(domain());
    assertThatThrownBy(
            () -> alone.withCluster(ClusterConfig.of("c1", List.of("http://127.0.0.1:2379"))))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void badDomainsAndPeeringsAreRefused() {
    assertThatThrownBy(
            () ->
                new FederationOptions(
                    "a b", null, 0, Path.of("c"), Path.of("k"), 0, 0, 0, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("federation.domain");
    assertThatThrownBy(() -> new FederationOptions("a", null, 0, null, null, 0, 0, 0, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("certificate and key");
    FederationOptions.Peering self =
        new FederationOptions.Peering(
            "s1",
            20,
            "a",
            "b1",
            20,
            100,
            199,
            1,
            "https://x:1",
            Path.of("c"),
            Path.of("k"),
            Path.of("ca"));
    assertThatThrownBy(
            () ->
                new FederationOptions(
                    "a", null, 0, Path.of("c"), Path.of("k"), 0, 0, 0, List.of(self)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot peer with itself");
  }
}
