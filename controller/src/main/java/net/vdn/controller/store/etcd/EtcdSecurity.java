package net.vdn.controller.store.etcd;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.AuditStore;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.GrantStore;
import net.vdn.controller.security.TokenStore;
import net.vdn.controller.store.etcd.Etcd.Entry;

/**
 * API tokens, grants and the audit log in etcd, shared by the controllers of a cluster. Keys, under
 * the cluster's prefix:
 *
 * <pre>
 * tokens/ID            an API token (its secret's hash only)
 * grants/DEVICE/PORT   the grants on one edge port
 * audit/TIME-RANDOM    one audit record; TIME in microseconds, zero-padded, so keys sort by time
 * first-operator-token the id of the first operator token, once one controller minted it
 * </pre>
 *
 * A port's grants are one key, changed in a transaction guarded by its mod revision: two
 * controllers granting overlapping traffic on a port to two tenants at once cannot both succeed.
 */
final class EtcdSecurity implements TokenStore, GrantStore, AuditStore {
  private static final int ATTEMPTS = 50;
  private static final String FIRST_OPERATOR = "first-operator-token";
  private static final TypeReference<List<Grant>> GRANTS = new TypeReference<>() {};

  private final Etcd etcd;
  private long lastMicros;
  private final java.util.concurrent.atomic.AtomicLong lastAudit =
      new java.util.concurrent.atomic.AtomicLong();

  /** How many audit records the cache keeps (the newest): the tail the API can show. */
  static final int AUDIT_CACHED = 10_000;

  EtcdSecurity(Etcd etcd) {
    this.etcd = etcd;
    etcd.bound("audit/", AUDIT_CACHED);
  }

  // ------------------------------------------------------------------ tokens

  @Override
  public void putToken(ApiToken token) {
    etcd.put("tokens/" + token.id(), EtcdStore.json(token));
  }

  @Override
  public void removeToken(String id) {
    if (etcd.get("tokens/" + id) != null) {
      etcd.delete("tokens/" + id);
    }
  }

  /**
   * One transaction: the token and the {@code first-operator-token} key, only while that key is
   * absent, so that controllers starting at once mint one first operator token between them.
   */
  @Override
  public boolean putFirstOperatorToken(ApiToken token) {
    if (tokens().stream().anyMatch(t -> t.role() == net.vdn.controller.security.Role.OPERATOR)) {
      return false;
    }
    return etcd.commit(
        List.of(new Etcd.Guard(FIRST_OPERATOR, 0)),
        List.of(
            Etcd.Write.put(FIRST_OPERATOR, token.id()),
            Etcd.Write.put("tokens/" + token.id(), EtcdStore.json(token))));
  }

  @Override
  public Optional<ApiToken> token(String id) {
    Entry e = etcd.get("tokens/" + id);
    return e == null ? Optional.empty() : Optional.of(EtcdStore.parse(e, ApiToken.class));
  }

  @Override
  public List<ApiToken> tokens() {
    return etcd.range("tokens/").stream().map(e -> EtcdStore.parse(e, ApiToken.class)).toList();
  }

  // ------------------------------------------------------------------ grants

  /**
   * Adds a grant (nothing when an equal one is there); refuses one that overlaps another tenant's
   * grant on the same port, whichever controller made that one.
   */
  @Override
  public void putGrant(Grant grant) {
    change(
        grant,
        on -> {
          if (on.contains(grant)) {
            return null;
          }
          for (Grant g : on) {
            if (g.overlaps(grant) && !g.tenant().equals(grant.tenant())) {
              throw new DuplicateException(
                  "grant " + grant.device() + ":" + grant.port() + " overlaps the grant " + g);
            }
          }
          List<Grant> out = new ArrayList<>(on);
          out.add(grant);
          return out;
        });
  }

  @Override
  public void removeGrant(Grant grant) {
    change(
        grant,
        on -> {
          if (!on.contains(grant)) {
            return null;
          }
          List<Grant> out = new ArrayList<>(on);
          out.remove(grant);
          return out;
        });
  }

  @Override
  public List<Grant> grants() {
    List<Grant> out = new ArrayList<>();
    for (Entry e : etcd.range("grants/")) {
      out.addAll(grantsIn(e));
    }
    return out;
  }

  private interface Change {
    /** The port's grants after the change, or null for no change. */
    List<Grant> apply(List<Grant> on);
  }

  /** Reads a port's grants, changes them, and writes them if nobody else did meanwhile. */
  private void change(Grant grant, Change change) {
    String key = grantKey(grant.device(), grant.port());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long seen = etcd.revision();
      Entry e = etcd.get(key);
      List<Grant> after = change.apply(grantsIn(e));
      if (after == null) {
        return;
      }
      Etcd.Write write =
          after.isEmpty() ? Etcd.Write.delete(key) : Etcd.Write.put(key, EtcdStore.json(after));
      if (etcd.commit(
          List.of(new Etcd.Guard(key, e == null ? 0 : e.modRevision())), List.of(write))) {
        return;
      }
      etcd.awaitChange(seen, etcd.timeout());
    }
    throw new StoreUnavailableException(
        "grants on " + grant.device() + ":" + grant.port() + " kept changing; nothing changed");
  }

  static String grantKey(String device, int port) {
    return "grants/" + device + "/" + port;
  }

  static List<Grant> grantsIn(Entry e) {
    if (e == null) {
      return List.of();
    }
    try {
      return EtcdStore.JSON.readValue(e.value(), GRANTS);
    } catch (java.io.IOException x) {
      throw new IllegalStateException("etcd key " + e.key() + " is not a list of grants", x);
    }
  }

  // ------------------------------------------------------------------ audit

  /** The write of an audit record, for a transaction that makes the change it records. */
  Etcd.Write auditWrite(AuditRecord record) {
    return Etcd.Write.put("audit/" + nextKey(), EtcdStore.json(record));
  }

  @Override
  public void append(AuditRecord record) {
    // Durable in etcd before the answer; the cache catches up by itself (see auditTail).
    long rev = etcd.send(List.of(auditWrite(record)));
    lastAudit.accumulateAndGet(rev, Math::max);
  }

  /** The newest records, from the cache: at most {@link #AUDIT_CACHED} of them. */
  @Override
  public List<AuditRecord> auditTail(int limit) {
    etcd.awaitRevision(lastAudit.get());
    List<Entry> all = etcd.range("audit/");
    return all.subList(Math.max(0, all.size() - limit), all.size()).stream()
        .map(e -> EtcdStore.parse(e, AuditRecord.class))
        .toList();
  }

  /** Microseconds since the epoch, growing within this controller, and a random tail. */
  private synchronized String nextKey() {
    long now = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
    lastMicros = Math.max(now, lastMicros + 1);
    return String.format(
        "%020d-%08x", lastMicros, ThreadLocalRandom.current().nextInt() & 0xffffffffL);
  }
}
