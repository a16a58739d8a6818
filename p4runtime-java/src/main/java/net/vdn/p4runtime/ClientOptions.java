package net.vdn.p4runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a P4Runtime target and take part in its arbitration.
 *
 * @param target "host:port", or "unix:///path" for a Unix domain socket
 * @param name how logs and error messages name the device (the controller's name for it); {@code
 *     target#deviceId} when not given
 * @param trustCertificates PEM CA certificates for TLS; null for plaintext
 * @param clientCertificate PEM client certificate chain for mutual TLS, or null
 * @param clientKey PEM private key of the client certificate, or null
 * @param role role name; empty for the default role
 * @param minReconnectDelay the first delay before the stream is re-opened after it broke
 * @param maxReconnectDelay the longest delay between two attempts to re-open the stream, so the
 *     client is back within about this long of the target accepting connections again
 * @param takeOverWhenPrimaryLost when the primary goes away, raise this client's election id above
 *     every id seen so far and claim primary; otherwise keep the id given
 * @param serverName with TLS, the name the target's certificate must carry (and the authority sent)
 *     when it is not the target's host, e.g. a switch reached by address; null: the host
 */
public record ClientOptions(
    String target,
    String name,
    long deviceId,
    ElectionId electionId,
    String role,
    Path trustCertificates,
    Path clientCertificate,
    Path clientKey,
    int maxInboundMessageBytes,
    int maxInboundMetadataBytes,
    Duration rpcTimeout,
    Duration minReconnectDelay,
    Duration maxReconnectDelay,
    boolean takeOverWhenPrimaryLost,
    int eventQueueCapacity,
    String serverName) {

  public static final int MIN_MESSAGE_BYTES = 64 << 20;
  public static final int MIN_METADATA_BYTES = 1 << 20;

  public ClientOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(electionId, "electionId");
    name = name == null || name.isBlank() ? defaultName(target, deviceId) : name;
    role = role == null ? "" : role;
    if (maxInboundMessageBytes < MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxInboundMessageBytes must be at least 64 MiB");
    }
    if (maxInboundMetadataBytes < MIN_METADATA_BYTES) {
      throw new IllegalArgumentException("maxInboundMetadataBytes must be at least 1 MiB");
    }
    Objects.requireNonNull(minReconnectDelay, "minReconnectDelay");
    Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
    if (minReconnectDelay.isNegative() || maxReconnectDelay.compareTo(minReconnectDelay) < 0) {
      throw new IllegalArgumentException("reconnect delays need 0 <= min <= max");
    }
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its key, and a key its certificate");
    }
    if (clientCertificate != null && trustCertificates == null) {
      throw new IllegalArgumentException(
          "client certificates need TLS: give trust certificates too");
    }
    if (serverName != null && trustCertificates == null) {
      throw new IllegalArgumentException("a server name is for TLS: give trust certificates too");
    }
  }

  public static Builder builder(String target) {
    return new Builder(target);
  }

  private static String defaultName(String target, long deviceId) {
    return target + "#" + deviceId;
  }

  public boolean tls() {
    return trustCertificates != null;
  }

  /** Builds options with sensible defaults: device 1, election id 1, default role, plaintext. */
  public static final class Builder {
    private final String target;
    private String name;
    private long deviceId = 1;
    private ElectionId electionId = ElectionId.of(1);
    private String role = "";
    private Path trust;
    private Path cert;
    private Path key;
    private int maxMessage = 256 << 20;
    private int maxMetadata = 4 << 20;
    private Duration rpcTimeout = Duration.ofSeconds(30);
    private Duration minReconnect = Duration.ofMillis(50);
    private Duration maxReconnect = Duration.ofMillis(250);
    private boolean takeOver;
    private int queueCapacity = 10_000;
    private String serverName;

    private Builder(String target) {
      this.target = target;
    }

    /**
     * How logs and error messages name the device, for example the controller's name for it
     * ("seoul"); by default {@code target#deviceId} ("10.1.0.1:9559#1").
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder deviceId(long deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    public Builder electionId(ElectionId electionId) {
      this.electionId = electionId;
      return this;
    }

    public Builder electionId(long low) {
      return electionId(ElectionId.of(low));
    }

    public Builder role(String role) {
      this.role = role;
      return this;
    }

    public Builder tls(Path trustCertificates) {
      this.trust = trustCertificates;
      return this;
    }

    public Builder clientCertificate(Path certificate, Path key) {
      this.cert = certificate;
      this.key = key;
      return this;
    }

    /** With TLS, the name the target's certificate must carry, when not the target's host. */
    public Builder serverName(String name) {
      this.serverName = name;
      return this;
    }

    public Builder maxInboundMessageBytes(int bytes) {
      this.maxMessage = bytes;
      return this;
    }

    public Builder maxInboundMetadataBytes(int bytes) {
      this.maxMetadata = bytes;
      return this;
    }

    public Builder rpcTimeout(Duration timeout) {
      this.rpcTimeout = timeout;
      return this;
    }

    /**
     * Delays between attempts to re-open a broken stream: the first is {@code min}, each next one
     * doubles up to {@code max}. By default 50 ms to 250 ms, so a restarted target has its client
     * back within about a quarter of a second of accepting connections.
     */
    public Builder reconnectDelay(Duration min, Duration max) {
      this.minReconnect = min;
      this.maxReconnect = max;
      return this;
    }

    public Builder takeOverWhenPrimaryLost(boolean takeOver) {
      this.takeOver = takeOver;
      return this;
    }

    public Builder eventQueueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    public ClientOptions build() {
      return new ClientOptions(
          target,
          name,
          deviceId,
          electionId,
          role,
          trust,
          cert,
          key,
          maxMessage,
          maxMetadata,
          rpcTimeout,
          minReconnect,
          maxReconnect,
          takeOver,
          queueCapacity,
          serverName);
    }
  }
}
