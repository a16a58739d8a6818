package net.vdn.gnmi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a gNMI target.
 *
 * @param target "host:port", or "unix:///path" for a Unix domain socket
 * @param name how logs and error messages name the device (the controller's name for it); the
 *     target when not given
 * @param trustCertificates PEM CA certificates for TLS; null for plaintext
 * @param clientCertificate PEM client certificate chain for mutual TLS, or null
 * @param clientKey PEM private key of the client certificate, or null
 * @param username sent as the {@code username} header on every RPC when not null
 * @param password sent as the {@code password} header with the username
 * @param rpcTimeout deadline of Capabilities, Get and Set
 * @param minReconnectDelay the first delay before a broken STREAM subscription is re-opened
 * @param maxReconnectDelay the longest delay between two attempts to re-open it, so it is back
 *     within about this long of the target accepting connections again
 * @param eventQueueCapacity events a subscription holds before it drops the oldest
 * @param serverName with TLS, the name the target's certificate must carry (and the authority sent)
 *     when it is not the target's host; null: the host
 */
public record GnmiOptions(
    String target,
    String name,
    Path trustCertificates,
    Path clientCertificate,
    Path clientKey,
    String username,
    String password,
    int maxInboundMessageBytes,
    Duration rpcTimeout,
    Duration minReconnectDelay,
    Duration maxReconnectDelay,
    int eventQueueCapacity,
    String serverName) {

  public static final int MIN_MESSAGE_BYTES = 64 << 20;

  public GnmiOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    name = name == null || name.isBlank() ? target : name;
    if (maxInboundMessageBytes < MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxInboundMessageBytes must be at least 64 MiB");
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
    if (username == null && password != null) {
      throw new IllegalArgumentException("a password needs a username");
    }
    if (minReconnectDelay.isNegative() || maxReconnectDelay.compareTo(minReconnectDelay) < 0) {
      throw new IllegalArgumentException("reconnect delays need 0 <= min <= max");
    }
    if (eventQueueCapacity < 1) {
      throw new IllegalArgumentException("eventQueueCapacity must be at least 1");
    }
  }

  public static Builder builder(String target) {
    return new Builder(target);
  }

  public boolean tls() {
    return trustCertificates != null;
  }

  /** How messages name the device. */
  String device() {
    return "device " + name;
  }

  /** The device and, unless its name already says it, where it is reached. */
  String deviceAt() {
    return name.startsWith(target) ? device() : device() + " at " + target;
  }

  /** Builds options with defaults: plaintext, no credentials, 256 MiB messages, 30 s RPCs. */
  public static final class Builder {
    private final String target;
    private String name;
    private Path trust;
    private Path cert;
    private Path key;
    private String username;
    private String password;
    private int maxMessage = 256 << 20;
    private Duration rpcTimeout = Duration.ofSeconds(30);
    private Duration minReconnect = Duration.ofMillis(50);
    private Duration maxReconnect = Duration.ofMillis(250);
    private int queueCapacity = 10_000;
    private String serverName;

    private Builder(String target) {
      this.target = target;
    }

    /**
     * How logs and error messages name the device, for example the controller's name for it
     * ("seoul"); by default the target ("10.1.0.1:9339").
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder tls(Path trustCertificates) {
      this.trust = trustCertificates;
      return this;
    }

    public Builder clientCertificate(Path certificate, Path privateKey) {
      this.cert = certificate;
      this.key = privateKey;
      return this;
    }

    /** With TLS, the name the target's certificate must carry, when not the target's host. */
    public Builder serverName(String name) {
      this.serverName = name;
      return this;
    }

    public Builder credentials(String user, String pass) {
      this.username = user;
      this.password = pass;
      return this;
    }

    public Builder maxInboundMessageBytes(int bytes) {
      this.maxMessage = bytes;
      return this;
    }

    public Builder rpcTimeout(Duration timeout) {
      this.rpcTimeout = timeout;
      return this;
    }

    /**
     * Delays between attempts to re-open a broken STREAM subscription: the first is {@code min},
     * each next one doubles up to {@code max}. By default 50 ms to 250 ms.
     */
    public Builder reconnectDelay(Duration min, Duration max) {
      this.minReconnect = min;
      this.maxReconnect = max;
      return this;
    }

    public Builder eventQueueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    public GnmiOptions build() {
      return new GnmiOptions(
          target,
          name,
          trust,
          cert,
          key,
          username,
          password,
          maxMessage,
          rpcTimeout,
          minReconnect,
          maxReconnect,
          queueCapacity,
          serverName);
    }
  }
}
