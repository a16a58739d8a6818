package net.vdn.gnmi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to subscribe to: paths under a common prefix, how long the subscription lives, the encoding,
 * and whether to skip the initial values.
 */
public record SubscriptionList(
    Mode mode,
    GnmiPath prefix,
    List<Subscription> subscriptions,
    Encoding encoding,
    boolean updatesOnly) {

  /** How long a subscription lives; gNMI's {@code SubscriptionList.Mode}. */
  public enum Mode {
    /** Open-ended; the client reconnects with backoff when the stream breaks. */
    STREAM,
    /** One round of values, a sync response, then the target ends the stream. */
    ONCE,
    /** One round of values (and a sync response) each time the client polls. */
    POLL
  }

  public SubscriptionList {
    Objects.requireNonNull(mode, "mode");
    prefix = prefix == null ? GnmiPath.ROOT : prefix;
    subscriptions = List.copyOf(subscriptions);
    encoding = encoding == null ? Encoding.PROTO : encoding;
    if (subscriptions.isEmpty()) {
      throw new IllegalArgumentException("a subscription needs at least one path");
    }
  }

  /** A STREAM subscription with the PROTO encoding. */
  public static SubscriptionList stream(Subscription... subscriptions) {
    return new SubscriptionList(Mode.STREAM, null, Arrays.asList(subscriptions), null, false);
  }

  /** A ONCE subscription with the PROTO encoding. */
  public static SubscriptionList once(GnmiPath... paths) {
    return new SubscriptionList(Mode.ONCE, null, wrap(paths), null, false);
  }

  /** A POLL subscription with the PROTO encoding. */
  public static SubscriptionList poll(GnmiPath... paths) {
    return new SubscriptionList(Mode.POLL, null, wrap(paths), null, false);
  }

  public SubscriptionList withPrefix(GnmiPath newPrefix) {
    return new SubscriptionList(mode, newPrefix, subscriptions, encoding, updatesOnly);
  }

  public SubscriptionList withEncoding(Encoding newEncoding) {
    return new SubscriptionList(mode, prefix, subscriptions, newEncoding, updatesOnly);
  }

  public SubscriptionList withUpdatesOnly(boolean only) {
    return new SubscriptionList(mode, prefix, subscriptions, encoding, only);
  }

  private static List<Subscription> wrap(GnmiPath... paths) {
    return Arrays.stream(paths).map(Subscription::of).toList();
  }
}
