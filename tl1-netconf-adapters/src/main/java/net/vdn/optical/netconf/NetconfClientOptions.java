package net.vdn.optical.netconf;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and talk to one NETCONF server.
 *
 * @param host the server's address
 * @param port its SSH port (830 by convention)
 * @param username the SSH user
 * @param password the password, or null to authenticate with {@code keyPair} only
 * @param keyPair the client key, or null to authenticate with {@code password} only
 * @param hostKey the server's expected host key, or null to accept any (only when {@code
 *     acceptAnyHostKey} is set)
 * @param acceptAnyHostKey accept whatever host key the server shows (lab use)
 * @param connectTimeout for TCP connect, SSH authentication and the hello exchange
 * @param rpcTimeout default time to wait for an rpc-reply
 * @param base11 offer base:1.1 (chunked framing); off forces end-of-message framing
 * @param maxMessageBytes largest message accepted from the server
 */
public record NetconfClientOptions(
    String host,
    int port,
    String username,
    String password,
    KeyPair keyPair,
    PublicKey hostKey,
    boolean acceptAnyHostKey,
    Duration connectTimeout,
    Duration rpcTimeout,
    boolean base11,
    int maxMessageBytes) {

  public NetconfClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not 1..65535");
    }
    if (password == null && keyPair == null) {
      throw new IllegalArgumentException("password or keyPair: one is needed to log in");
    }
    if (hostKey == null && !acceptAnyHostKey) {
      throw new IllegalArgumentException(
          "hostKey: give the server's host key, or accept any host key explicitly");
    }
  }

  public static Builder builder(String host, int port, String username) {
    return new Builder(host, port, username);
  }

  public String describe() {
    return username + "@" + host + ":" + port;
  }

  /** Builds options; timeouts default to 10 s (connect) and 30 s (rpc). */
  public static final class Builder {
    private final String host;
    private final int port;
    private final String username;
    private String password;
    private KeyPair keyPair;
    private PublicKey hostKey;
    private boolean acceptAnyHostKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration rpcTimeout = Duration.ofSeconds(30);
    private boolean base11 = true;
    private int maxMessageBytes = 64 << 20;

    private Builder(String host, int port, String username) {
      this.host = host;
      this.port = port;
      this.username = username;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = keyPair;
      return this;
    }

    public Builder hostKey(PublicKey hostKey) {
      this.hostKey = hostKey;
      return this;
    }

    public Builder acceptAnyHostKey() {
      this.acceptAnyHostKey = true;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder rpcTimeout(Duration timeout) {
      this.rpcTimeout = timeout;
      return this;
    }

    public Builder base11(boolean offer) {
      this.base11 = offer;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    public NetconfClientOptions build() {
      return new NetconfClientOptions(
          host,
          port,
          username,
          password,
          keyPair,
          hostKey,
          acceptAnyHostKey,
          connectTimeout,
          rpcTimeout,
          base11,
          maxMessageBytes);
    }
  }
}
