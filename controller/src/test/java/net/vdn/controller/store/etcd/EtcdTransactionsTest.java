package net.vdn.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.ForbiddenException;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.AuditScope;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.GrantScope;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the etcd store writes together, in one transaction, against a real etcd member: a tenant's
 * grants with its admission, a slice change with its audit record, a slice's removal with the
 * release of what it held.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class EtcdTransactionsTest {
  @TempDir static Path dir;
  private static EtcdMembers etcd;
  private static final AtomicInteger spaces = new AtomicInteger();
  private String prefix;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = EtcdMembers.start(1, dir);
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @BeforeEach
  void space() {
    prefix = "/transactions-" + spaces.incrementAndGet() + "/";
  }

  private EtcdStore open() {
    return EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
  }

  private static final ConnectPoint EDGE = new ConnectPoint("s1", 10);
  private static final ConnectPoint LINK = new ConnectPoint("s1", 1);
  private static final Grant GRANT = new Grant("t1", "s1", 10, null);
  private static final Holding WANTED =
      new Holding(Map.of(LINK, 1000L), 7, List.of(new EdgeClaim(EDGE, null)));

  @Test
  void aGrantTakenBackByAnotherControllerDuringTheAdmissionMakesItFail() {
    try (EtcdStore here = open();
        EtcdStore other = open()) {
      other.putGrant(GRANT);
      here.etcd().awaitRevision(other.etcd().latest());
      AtomicBoolean takenBack = new AtomicBoolean();
      // The capacity is asked after the grants were read and before the transaction: the other
      // controller takes the grant back exactly there.
      ToLongFunction<ConnectPoint> capacity =
          p -> {
            if (takenBack.compareAndSet(false, true)) {
              other.removeGrant(GRANT);
            }
            return 1_000_000L;
          };

      assertThatThrownBy(
              () ->
                  GrantScope.requiring(
                      "t1",
                      () -> {
                        here.admit("a", Holding.NONE, WANTED, capacity);
                        return null;
                      }))
          .isInstanceOf(ForbiddenException.class)
          .hasMessageContaining("edge port s1:10 is not granted to tenant 't1'");
      assertThat(takenBack).isTrue();
      assertThat(here.held("a")).isEqualTo(Holding.NONE);
      try (EtcdStore fresh = open()) {
        assertThat(fresh.held("a")).isEqualTo(Holding.NONE);
        assertThat(fresh.holders()).isEmpty();
      }
    }
  }

  @Test
  void aTenantsAdmissionPassesWithItsGrantAndAnOperatorsNeedsNone() {
    try (EtcdStore store = open()) {
      assertThatThrownBy(
              () ->
                  GrantScope.requiring(
                      "t1",
                      () -> {
                        store.admit("a", Holding.NONE, WANTED, p -> 1_000_000L);
                        return null;
                      }))
          .isInstanceOf(ForbiddenException.class);
      store.putGrant(GRANT);
      GrantScope.requiring(
          "t1",
          () -> {
            store.admit("a", Holding.NONE, WANTED, p -> 1_000_000L);
            return null;
          });
      assertThat(store.held("a")).isEqualTo(WANTED);
      store.admit(
          "b", Holding.NONE, new Holding(Map.of(LINK, 1000L), 8, List.of()), p -> 1_000_000L);
      assertThat(store.holders()).containsExactly("a", "b");
    }
  }

  private static StoredSlice slice(String name) {
    return new StoredSlice(
        new SliceSpec(
            name,
            "t1",
            7,
            List.of(Endpoint.of("s1", 10), Endpoint.of("s3", 10)),
            1000,
            2000,
            250,
            2,
            null),
        List.of(),
        SliceCounters.ZERO);
  }

  private static AuditRecord record(String action, int status) {
    return new AuditRecord(
        "2026-12-05T00:00:00Z",
        "r-1",
        "alice",
        "t1",
        "tenant-admin",
        action,
        "a",
        status,
        "ok",
        null);
  }

  @Test
  void aSliceChangeAndItsAuditRecordAreOneTransaction() {
    try (EtcdStore store = open()) {
      AuditScope put = new AuditScope(record("POST /api/v1/slices", 201));
      put.run(
          () -> {
            store.put(slice("a"), Map.of());
            // Taken once: a second write of the same request carries no record.
            store.put(slice("a"), Map.of());
            return null;
          });
      assertThat(put.isKept()).isTrue();
      Etcd e = store.etcd();
      List<Etcd.Entry> audit = e.range("audit/");
      assertThat(audit).hasSize(1);
      assertThat(audit.getFirst().modRevision())
          .as("the record's revision is the slice's first write's")
          .isEqualTo(e.get("slices/a").modRevision() - 1);
      assertThat(store.auditTail(10))
          .singleElement()
          .satisfies(r -> assertThat(r.action()).isEqualTo("POST /api/v1/slices"));

      store.admit("a", Holding.NONE, WANTED, p -> 1_000_000L);
      AuditScope removal = new AuditScope(record("DELETE /api/v1/slices/a", 204));
      long before = e.latest();
      removal.run(
          () -> {
            store.remove("a", Map.of());
            return null;
          });
      assertThat(removal.isKept()).isTrue();
      assertThat(store.get("a")).isEmpty();
      assertThat(store.held("a")).as("released with the removal").isEqualTo(Holding.NONE);
      assertThat(store.reserved(LINK)).isZero();
      assertThat(e.range("audit/")).hasSize(2);
      assertThat(e.range("audit/").getLast().modRevision())
          .as("one transaction: one revision")
          .isEqualTo(before + 1)
          .isEqualTo(e.latest());
    }
  }

  @Test
  void aSliceWriteWithoutAnAuditScopeWritesNoRecord() {
    try (EtcdStore store = open()) {
      store.put(slice("a"), Map.of());
      store.remove("a", Map.of());
      assertThat(store.auditTail(10)).isEmpty();
    }
  }
}
