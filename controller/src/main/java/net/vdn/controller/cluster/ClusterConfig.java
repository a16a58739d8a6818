package net.vdn.controller.cluster;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import net.vdn.controller.error.ConfigException;

/**
 * How a controller joins a cluster: its name in it, the etcd endpoints every member shares, and the
 * timings of failure detection.
 *
 * @param member this controller's name in the cluster (unique among its members)
 * @param etcd etcd client URLs ({@code http://10.0.0.1:2379})
 * @param prefix the cluster's key space in etcd ({@code /vdn/})
 * @param leaseTtl the membership lease: a member that stops keeping it alive this long is gone
 *     (etcd rounds it up to whole seconds, and to its own minimum)
 * @param heartbeat how often a member shows it is alive
 * @param failureTimeout a member whose heartbeat has not moved for this long is taken for dead: its
 *     devices move to the others (and it stops writing to them itself)
 * @param requestTimeout the deadline of every call to etcd and of a request to another member
 */
public record ClusterConfig(
    String member,
    List<String> etcd,
    String prefix,
    Duration leaseTtl,
    Duration heartbeat,
    Duration failureTimeout,
    Duration requestTimeout) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public ClusterConfig {
    if (member == null || !NAME.matcher(member).matches()) {
      throw new ConfigException(
          "cluster.member", "needs 1-64 letters, digits, '.', '_' or '-', got " + member);
    }
    if (etcd == null || etcd.isEmpty()) {
      throw new ConfigException("cluster.etcd", "needs at least one etcd endpoint");
    }
    etcd = List.copyOf(etcd);
    for (String e : etcd) {
      if (!e.startsWith("http://") && !e.startsWith("https://")) {
        throw new ConfigException("cluster.etcd", "needs http://host:port, got '" + e + "'");
      }
    }
    prefix = prefix == null || prefix.isBlank() ? "/vdn/" : prefix;
    leaseTtl = leaseTtl == null ? Duration.ofSeconds(2) : leaseTtl;
    heartbeat = heartbeat == null ? Duration.ofMillis(100) : heartbeat;
    failureTimeout = failureTimeout == null ? Duration.ofMillis(500) : failureTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(3) : requestTimeout;
    if (failureTimeout.compareTo(heartbeat.multipliedBy(3)) < 0) {
      throw new ConfigException(
          "cluster.failureTimeoutMs", "must be at least three heartbeats, got " + failureTimeout);
    }
  }

  /** A member with the default timings. */
  public static ClusterConfig of(String member, List<String> etcd) {
    return new ClusterConfig(member, etcd, null, null, null, null, null);
  }
}
