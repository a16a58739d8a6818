package net.vdn.controller.federation;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.vdn.controller.error.ConfigException;

/**
 * This controller's domain and its peerings, from the config file's {@code federation} section. The
 * peering API listens on its own port, over HTTPS only, and answers only peers that present a
 * client certificate signed by the CA pinned for them.
 *
 * @param domain this controller's domain name (letters, digits, '-', '_')
 * @param port where the peering API listens (0 for any free port)
 * @param certificate the peering API's server certificate chain (PEM)
 * @param key its PKCS#8 PEM key
 * @param holdMs how long a reservation is held uncommitted before this domain releases it itself
 * @param requestTimeoutMs how long one request to a peer may take before it is tried again
 * @param attempts how many times a request to a peer is tried (requests carry ids: retries are
 *     idempotent)
 */
public record FederationOptions(
    String domain,
    String host,
    int port,
    Path certificate,
    Path key,
    long holdMs,
    long requestTimeoutMs,
    int attempts,
    List<Peering> peerings) {
  public FederationOptions {
    if (domain == null || !domain.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new ConfigException("federation.domain", "needs 1-32 letters, digits, '-' or '_'");
    }
    host = host == null ? "127.0.0.1" : host;
    if (port < 0 || port > 65535) {
      throw new ConfigException("federation.port", "outside 0..65535: " + port);
    }
    if (certificate == null || key == null) {
      throw new ConfigException("federation", "certificate and key (PEM) are required");
    }
    holdMs = holdMs == 0 ? 15_000 : holdMs;
    requestTimeoutMs = requestTimeoutMs == 0 ? 2_000 : requestTimeoutMs;
    attempts = attempts == 0 ? 3 : attempts;
    if (holdMs < 100 || requestTimeoutMs < 50 || attempts < 1) {
      throw new ConfigException(
          "federation", "holdMs >= 100, requestTimeoutMs >= 50 and attempts >= 1 are required");
    }
    peerings = peerings == null ? List.of() : List.copyOf(peerings);
    Set<String> borders = new HashSet<>();
    for (Peering p : peerings) {
      if (p.peerDomain().equals(domain)) {
        throw new ConfigException("federation.peerings", "a domain cannot peer with itself");
      }
      if (!borders.add(p.localDevice() + ":" + p.localPort())) {
        throw new ConfigException(
            "federation.peerings",
            "border port " + p.localDevice() + ":" + p.localPort() + " is declared twice");
      }
    }
  }

  /** The peerings with one domain. */
  public List<Peering> with(String peerDomain) {
    return peerings.stream().filter(p -> p.peerDomain().equals(peerDomain)).toList();
  }

  public FederationOptions resolve(UnaryOperator<Path> in) {
    return new FederationOptions(
        domain,
        host,
        port,
        in.apply(certificate),
        in.apply(key),
        holdMs,
        requestTimeoutMs,
        attempts,
        peerings.stream().map(p -> p.resolve(in)).toList());
  }

  /**
   * One inter-domain link and the peer behind it.
   *
   * @param localDevice the border switch of this domain
   * @param localPort its port on the inter-domain link
   * @param peerDomain the domain at the other end
   * @param peerDevice the peer's border switch (the peer's name for it)
   * @param peerPort its port on the link
   * @param vlanMin the lowest VLAN usable on this link (both sides agree on the range)
   * @param vlanMax the highest
   * @param capacityBps the link's capacity, shared by the inter-domain slices on it
   * @param url the peer's peering API ({@code https://host:port})
   * @param clientCertificate the certificate this domain presents to that peer (PEM)
   * @param clientKey its PKCS#8 PEM key
   * @param peerCa the CA pinned for that peer: its server and client certificates must be signed by
   *     it
   */
  public record Peering(
      String localDevice,
      int localPort,
      String peerDomain,
      String peerDevice,
      int peerPort,
      int vlanMin,
      int vlanMax,
      long capacityBps,
      String url,
      Path clientCertificate,
      Path clientKey,
      Path peerCa) {
    public Peering {
      if (localDevice == null || peerDomain == null || peerDevice == null) {
        throw new ConfigException(
            "federation.peerings", "localDevice, peerDomain and peerDevice are required");
      }
      if (localPort < 1 || peerPort < 1) {
        throw new ConfigException("federation.peerings", "localPort and peerPort are required");
      }
      if (vlanMin < 1 || vlanMax > 4094 || vlanMin > vlanMax) {
        throw new ConfigException(
            "federation.peerings", "needs 1 <= vlanMin <= vlanMax <= 4094 on " + localDevice);
      }
      if (capacityBps <= 0) {
        throw new ConfigException("federation.peerings", "capacityBps must be positive");
      }
      if (url == null || !url.startsWith("https://")) {
        throw new ConfigException("federation.peerings", "url must be https://host:port");
      }
      if (clientCertificate == null || clientKey == null || peerCa == null) {
        throw new ConfigException(
            "federation.peerings", "clientCertificate, clientKey and peerCa are required");
      }
    }

    Peering resolve(UnaryOperator<Path> in) {
      return new Peering(
          localDevice,
          localPort,
          peerDomain,
          peerDevice,
          peerPort,
          vlanMin,
          vlanMax,
          capacityBps,
          url,
          in.apply(clientCertificate),
          in.apply(clientKey),
          in.apply(peerCa));
    }
  }
}
