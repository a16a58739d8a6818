package net.vdn.controller.cluster.impl;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import net.vdn.controller.cluster.ClusterConfig;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.EtcdStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This member's lease and heartbeat. It joins with a lease and its member key ({@code
 * members/NAME}); every heartbeat it puts that key again (the others see it move) and keeps the
 * lease alive, both sent without waiting. A put that went through dates this member's right to
 * write ({@link Liveness}); a lease found expired is taken again, on the cluster's thread.
 */
final class Membership {
  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  /** A member's key, as JSON. */
  record MemberRecord(String name, String api, long backupId, String since) {}

  private final ClusterConfig config;
  private final Etcd etcd;
  private final String me;
  private final long backupId;
  private final String since = Instant.now().toString();
  private final Liveness liveness;
  private final Executor cluster;
  private volatile String api = "";
  private volatile long lease;
  private volatile boolean beating;
  private volatile boolean renewing;
  private volatile boolean closed;

  /**
   * @param cluster the cluster's thread, where an expired lease is taken again
   */
  Membership(ClusterConfig config, Etcd etcd, long backupId, Liveness liveness, Executor cluster) {
    this.config = config;
    this.etcd = etcd;
    this.me = config.member();
    this.backupId = backupId;
    this.liveness = liveness;
    this.cluster = cluster;
  }

  /** The lease and the member key, at the API's address. */
  void join(String apiUrl) {
    this.api = apiUrl;
    join();
  }

  private void join() {
    long ttl = Math.max(1, (config.leaseTtl().toMillis() + 999) / 1000);
    lease = etcd.call(etcd.client().getLeaseClient().grant(ttl), "lease grant").getID();
    long sent = System.nanoTime();
    etcd.put("members/" + me, memberJson(), lease);
    liveness.beat(sent);
  }

  long lease() {
    return lease;
  }

  private String memberJson() {
    return EtcdStore.json(new MemberRecord(me, api, backupId, since));
  }

  /**
   * One heartbeat: the member key put again (others see it move) and the lease kept alive, both
   * sent without waiting; a put that went through dates this member's right to write.
   */
  void beat() {
    if (closed) {
      return;
    }
    renew();
    if (beating) {
      return;
    }
    beating = true;
    long sent = System.nanoTime();
    etcd.client()
        .getKVClient()
        .put(
            bytes(etcd.prefix() + "members/" + me),
            bytes(memberJson()),
            PutOption.builder().withLeaseId(lease).build())
        .orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (r, e) -> {
              beating = false;
              if (e == null) {
                liveness.beat(sent);
                etcd.record(System.nanoTime() - sent, null);
              } else {
                String why = e.getCause() != null ? e.getCause().toString() : e.toString();
                etcd.record(0, "heartbeat failed: " + why);
                if (why.contains("lease not found")) {
                  cluster.execute(this::rejoin);
                }
              }
            });
  }

  private void renew() {
    if (renewing) {
      return;
    }
    renewing = true;
    etcd.client()
        .getLeaseClient()
        .keepAliveOnce(lease)
        .orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> renewing = false);
  }

  private void rejoin() {
    if (closed) {
      return;
    }
    try {
      join();
      log.warn("cluster member {}: its lease had expired; joined again", me);
    } catch (StoreUnavailableException e) {
      log.debug("cluster member {}: cannot join again yet: {}", me, e.getMessage());
    }
  }

  /** Leaves: the lease is revoked, so the others take this member's devices at once. */
  void close() {
    closed = true;
    try {
      etcd.client()
          .getLeaseClient()
          .revoke(lease)
          .get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.debug("cluster member {}: lease not revoked: {}", me, e.toString());
    }
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
