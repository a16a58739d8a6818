package net.vdn.optical.tl1;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach and log in to one TL1 network element.
 *
 * @param host its address
 * @param port its TL1 port
 * @param tid its target identifier (may be empty)
 * @param user the user of ACT-USER
 * @param password the password of ACT-USER
 * @param commandTimeout how long a command may wait for its complete answer
 * @param keepAlive how often RTRV-HDR checks an idle session (zero: never)
 * @param reconnectDelay the first delay before reconnecting; doubled up to {@code
 *     maxReconnectDelay}
 * @param maxReconnectDelay the longest delay between reconnect attempts
 */
public record Tl1ClientOptions(
    String host,
    int port,
    String tid,
    String user,
    String password,
    Duration commandTimeout,
    Duration keepAlive,
    Duration reconnectDelay,
    Duration maxReconnectDelay) {

  public Tl1ClientOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    tid = tid == null ? "" : tid;
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not 1..65535");
    }
  }

  /** Options with a 10 s command timeout, a 30 s keep-alive and reconnects from 0.5 s to 30 s. */
  public static Tl1ClientOptions of(
      String host, int port, String tid, String user, String password) {
    return new Tl1ClientOptions(
        host,
        port,
        tid,
        user,
        password,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMillis(500),
        Duration.ofSeconds(30));
  }

  public Tl1ClientOptions withCommandTimeout(Duration timeout) {
    return new Tl1ClientOptions(
        host, port, tid, user, password, timeout, keepAlive, reconnectDelay, maxReconnectDelay);
  }

  public Tl1ClientOptions withKeepAlive(Duration interval) {
    return new Tl1ClientOptions(
        host,
        port,
        tid,
        user,
        password,
        commandTimeout,
        interval,
        reconnectDelay,
        maxReconnectDelay);
  }

  public Tl1ClientOptions withReconnectDelay(Duration first, Duration max) {
    return new Tl1ClientOptions(
        host, port, tid, user, password, commandTimeout, keepAlive, first, max);
  }

  public String describe() {
    return user + "@" + host + ":" + port + (tid.isEmpty() ? "" : "/" + tid);
  }
}
