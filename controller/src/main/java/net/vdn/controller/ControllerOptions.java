package net.vdn.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.error.ConfigException;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.security.SecurityOptions;

/**
 * How a controller runs: where its REST API listens, where it keeps its state, how often it probes
 * for links, and the devices declared in its config file (added to the stored ones at start).
 *
 * @param restPort 0 for any free port
 * @param store the file the controller keeps its state in, or null to keep it in memory only
 * @param openflowPort where OpenFlow 1.3 switches connect (0 for any free port), -1 for none
 * @param cluster the cluster this controller joins (its state then in etcd, not in {@code store}),
 *     or null for a controller alone
 * @param federation this controller's domain and peerings, or null when it serves no inter-domain
 *     slices
 * @param security authentication and HTTPS; off (every caller an operator, plain HTTP) in {@link
 *     #defaults} and {@link #inMemory}, API tokens on when read from a config file without an
 *     {@code auth} section
 */
public record ControllerOptions(
    String restHost,
    int restPort,
    Path store,
    Duration discoveryInterval,
    Duration counterInterval,
    List<DeviceConfig> devices,
    int openflowPort,
    ClusterConfig cluster,
    SecurityOptions security,
    FederationOptions federation) {
  public ControllerOptions {
    security = security == null ? SecurityOptions.OFF : security;
    if (restPort < 0 || restPort > 65535) {
      throw new ConfigException("rest.port", "outside 0..65535: " + restPort);
    }
    if (openflowPort < -1 || openflowPort > 65535) {
      throw new ConfigException("openflowPort", "outside -1..65535: " + openflowPort);
    }
    if (discoveryInterval.isNegative() || discoveryInterval.isZero()) {
      throw new ConfigException("discoveryIntervalMs", "must be positive");
    }
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (cluster != null && federation != null) {
      throw new ConfigException(
          "federation",
          "a controller of a cluster cannot serve a domain: inter-domain reservations are kept by"
              + " one controller, not in the cluster's etcd; serve the domain from a controller"
              + " alone");
    }
  }

  /** A controller that keeps nothing across restarts (tests, throw-away runs). */
  public static ControllerOptions inMemory() {
    return defaults(null);
  }

  public static ControllerOptions defaults(Path store) {
    return new ControllerOptions(
        "127.0.0.1",
        8181,
        store,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        List.of(),
        -1,
        null,
        SecurityOptions.OFF,
        null);
  }

  public ControllerOptions withRest(String host, int port) {
    return new ControllerOptions(
        host,
        port,
        store,
        discoveryInterval,
        counterInterval,
        devices,
        openflowPort,
        cluster,
        security,
        federation);
  }

  public ControllerOptions withDevices(List<DeviceConfig> more) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        discoveryInterval,
        counterInterval,
        more,
        openflowPort,
        cluster,
        security,
        federation);
  }

  public ControllerOptions withDiscoveryInterval(Duration interval) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        interval,
        counterInterval,
        devices,
        openflowPort,
        cluster,
        security,
        federation);
  }

  /** Listens for OpenFlow 1.3 switches on this port (0 for any free one). */
  public ControllerOptions withOpenFlow(int port) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        discoveryInterval,
        counterInterval,
        devices,
        port,
        cluster,
        security,
        federation);
  }

  /** Joins a cluster: the state is kept in its etcd, shared with the other controllers. */
  public ControllerOptions withCluster(ClusterConfig c) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        discoveryInterval,
        counterInterval,
        devices,
        openflowPort,
        c,
        security,
        federation);
  }

  /** Authentication and HTTPS as given (the main job turns API tokens on). */
  public ControllerOptions withSecurity(SecurityOptions s) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        discoveryInterval,
        counterInterval,
        devices,
        openflowPort,
        cluster,
        s,
        federation);
  }

  /** Serves inter-domain slices as this domain, with these peerings. */
  public ControllerOptions withFederation(FederationOptions f) {
    return new ControllerOptions(
        restHost,
        restPort,
        store,
        discoveryInterval,
        counterInterval,
        devices,
        openflowPort,
        cluster,
        security,
        f);
  }

  /** The config file as written by users. */
  record File(
      String restHost,
      Integer restPort,
      String store,
      Long discoveryIntervalMs,
      Long counterIntervalMs,
      List<DeviceConfig> devices,
      Integer openflowPort,
      ClusterFile cluster,
      SecurityOptions.Auth auth,
      SecurityOptions.Tls tls,
      SecurityOptions.OpenFlowTls openflowTls,
      FederationOptions federation) {}

  /** The config file's {@code cluster} section. */
  record ClusterFile(
      String member,
      List<String> etcd,
      String prefix,
      Long leaseTtlMs,
      Long heartbeatMs,
      Long failureTimeoutMs,
      Long requestTimeoutMs) {
    ClusterConfig config() {
      return new ClusterConfig(
          member,
          etcd,
          prefix,
          millis(leaseTtlMs),
          millis(heartbeatMs),
          millis(failureTimeoutMs),
          millis(requestTimeoutMs));
    }

    private static Duration millis(Long ms) {
      return ms == null ? null : Duration.ofMillis(ms);
    }
  }

  /** Whether a config file's refused value is in a device's declaration. */
  private static boolean inDevices(ValueInstantiationException e) {
    return e.getPath().stream().anyMatch(r -> "devices".equals(r.getFieldName()));
  }

  /** Reads a config file; a bad one is refused with the field and the problem. */
  public static ControllerOptions read(Path file) {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    File f;
    try {
      f = json.readValue(file.toFile(), File.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          e.getPropertyName(),
          "unknown setting in " + file + " (known: " + e.getKnownPropertyIds() + ")");
    } catch (ValueInstantiationException e) {
      Throwable c = e.getCause();
      throw c instanceof ConfigException ce
          ? new ConfigException(
              (inDevices(e)
                          || !(ce.field().startsWith("auth")
                              || ce.field().startsWith("tls")
                              || ce.field().startsWith("openflowTls"))
                      ? "devices."
                      : "")
                  + ce.field(),
              ce.getMessage() + " in " + file)
          : new ConfigException("config", file + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("config", "cannot read " + file + ": " + e.getMessage());
    }
    Path dir = file.toAbsolutePath().getParent();
    return new ControllerOptions(
        f.restHost() == null ? "127.0.0.1" : f.restHost(),
        f.restPort() == null ? 8181 : f.restPort(),
        dir.resolve(f.store() == null ? "vdn-state.json" : f.store()),
        Duration.ofMillis(f.discoveryIntervalMs() == null ? 1000 : f.discoveryIntervalMs()),
        Duration.ofMillis(f.counterIntervalMs() == null ? 1000 : f.counterIntervalMs()),
        f.devices() == null
            ? null
            : f.devices().stream().map(d -> d.resolve(dir::resolve)).toList(),
        f.openflowPort() == null ? -1 : f.openflowPort(),
        f.cluster() == null ? null : f.cluster().config(),
        new SecurityOptions(
                f.auth() == null
                    ? new SecurityOptions.Auth(true, null, null, null, null)
                    : f.auth(),
                f.tls(),
                f.openflowTls())
            .resolve(dir::resolve),
        f.federation() == null ? null : f.federation().resolve(dir::resolve));
  }
}
