package net.vdn.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.DuplicateException;
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
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.StoreContract;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores' contract on the etcd store, against a real etcd member of the test's own; each test
 * gets a key space of its own, and reopening is a new connection reading it again. Then what only a
 * store shared by several controllers does: races between two connections, and what it writes
 * together in one transaction.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class EtcdStoreContractTest extends StoreContract {
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

  @Override
  protected ControllerStore open() {
    prefix = "/contract-" + spaces.incrementAndGet() + "/";
    return EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
  }

  @Override
  protected ControllerStore reopen(ControllerStore store) {
    store.close();
    return EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
  }

  @Test
  void theCacheKeepsOnlyTheNewestKeysOfABoundedPrefix() {
    open().close();
    try (EtcdStore store = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5))) {
      Etcd e = store.etcd();
      e.bound("log/", 5);
      for (int i = 0; i < 8; i++) {
        e.put(String.format("log/%03d", i), "x");
      }
      e.put("other", "y");
      assertThat(e.cached("log/")).isEqualTo(5);
      assertThat(e.range("log/"))
          .extracting(Etcd.Entry::key)
          .containsExactly("log/003", "log/004", "log/005", "log/006", "log/007");
      e.delete("log/007");
      e.put("log/008", "x");
      assertThat(e.range("log/")).extracting(Etcd.Entry::key).startsWith("log/003").hasSize(5);
      assertThat(e.get("other")).isNotNull();
    }
  }

  @Test
  void twoControllersStartingAtOnceMintOneFirstOperatorToken() throws Exception {
    for (int round = 0; round < 10; round++) {
      open().close();
      try (EtcdStore one = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
          EtcdStore two = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
          ExecutorService pool = Executors.newFixedThreadPool(2)) {
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<Future<Boolean>> minted = new ArrayList<>();
        for (EtcdStore s : List.of(one, two)) {
          minted.add(
              pool.submit(
                  () -> {
                    together.await();
                    return s.putFirstOperatorToken(operatorToken());
                  }));
        }
        int won = 0;
        for (Future<Boolean> f : minted) {
          won += f.get() ? 1 : 0;
        }
        assertThat(won).as("round " + round).isEqualTo(1);
        one.etcd().awaitRevision(two.etcd().latest());
        assertThat(one.tokens()).hasSize(1);
        assertThat(one.putFirstOperatorToken(operatorToken())).isFalse();
      }
    }
  }

  private static net.vdn.controller.security.ApiToken operatorToken() {
    String id = String.format("%016x", java.util.concurrent.ThreadLocalRandom.current().nextLong());
    return new net.vdn.controller.security.ApiToken(
        id,
        null,
        net.vdn.controller.security.Role.OPERATOR,
        "first operator token",
        "00".repeat(32),
        java.time.Instant.now().toString());
  }

  @Test
  void twoControllersGrantingOnePortToTwoTenantsAtOnceGrantItOnce() throws Exception {
    open().close();
    try (EtcdStore one = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
        EtcdStore two = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      int ports = 30;
      List<Future<Integer>> won = new ArrayList<>();
      for (var g : List.of(Map.entry(one, "a"), Map.entry(two, "b"))) {
        won.add(
            pool.submit(
                () -> {
                  int n = 0;
                  for (int port = 1; port <= ports; port++) {
                    try {
                      g.getKey().putGrant(new Grant(g.getValue(), "s1", port, null));
                      n++;
                    } catch (DuplicateException e) {
                      assertThat(e).hasMessageContaining("overlaps the grant s1:" + port);
                    }
                  }
                  return n;
                }));
      }
      assertThat(won.get(0).get() + won.get(1).get()).isEqualTo(ports);
      try (EtcdStore fresh = EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5))) {
        assertThat(fresh.grants()).hasSize(ports);
        assertThat(fresh.grants().stream().map(Grant::port).distinct()).hasSize(ports);
        fresh.removeGrant(fresh.grants().getFirst());
        one.etcd().awaitRevision(fresh.etcd().latest());
        assertThat(one.grants()).hasSize(ports - 1);
      }
    }
  }

  /** A second connection to the key space of the last {@link #open}. */
  private EtcdStore connect() {
    return EtcdStore.open(etcd.endpoints(), prefix, Duration.ofSeconds(5));
  }

  // ------------------------------------------------------------------ written together
  // A tenant's grants with its admission, a slice change with its audit record, a slice's removal
  // with the release of what it held: each one transaction.

  private static final ConnectPoint EDGE = new ConnectPoint("s1", 10);
  private static final ConnectPoint LINK = new ConnectPoint("s1", 1);
  private static final Grant GRANT = new Grant("t1", "s1", 10, null);
  private static final Holding WANTED =
      new Holding(Map.of(LINK, 1000L), 7, List.of(new EdgeClaim(EDGE, null)));

  @Test
  void aGrantTakenBackByAnotherControllerDuringTheAdmissionMakesItFail() {
    open().close();
    try (EtcdStore here = connect();
        EtcdStore other = connect()) {
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
      try (EtcdStore fresh = connect()) {
        assertThat(fresh.held("a")).isEqualTo(Holding.NONE);
        assertThat(fresh.holders()).isEmpty();
      }
    }
  }

  @Test
  void aTenantsAdmissionPassesWithItsGrantAndAnOperatorsNeedsNone() {
    open().close();
    try (EtcdStore store = connect()) {
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
    open().close();
    try (EtcdStore store = connect()) {
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

  /**
   * A link direction keeps one number, the total of every slice's rate on it, whatever the number
   * of slices; a value written by an earlier version (each slice's rate by name) is read as its sum
   * and becomes a total at the next admission on it.
   */
  @Test
  void aDirectionKeepsItsTotalAndReadsTheFormerShareBySlice() {
    open().close();
    try (EtcdStore store = connect()) {
      Etcd e = store.etcd();
      e.put("rate/s1/1", "{\"x\": 300, \"y\": 200}");
      e.put(
          "held/x",
          "{\"sliceId\": 5, \"rates\": [{\"device\": \"s1\", \"port\": 1, \"bps\": 300}],"
              + " \"edges\": []}");
      e.put(
          "held/y",
          "{\"sliceId\": 6, \"rates\": [{\"device\": \"s1\", \"port\": 1, \"bps\": 200}],"
              + " \"edges\": []}");
      assertThat(store.reserved(LINK)).isEqualTo(500);
      assertThatThrownBy(
              () ->
                  store.admit(
                      "z", Holding.NONE, new Holding(Map.of(LINK, 600L), 7, List.of()), p -> 1000L))
          .as("600 more on 500 of 1000")
          .isInstanceOf(net.vdn.controller.path.AdmissionException.class);
      store.admit("z", Holding.NONE, new Holding(Map.of(LINK, 100L), 7, List.of()), p -> 1000L);
      assertThat(e.get("rate/s1/1").text()).isEqualTo("600");
      store.release("x");
      assertThat(store.reserved(LINK)).isEqualTo(300);
      store.admit(
          "y",
          new Holding(Map.of(LINK, 200L), 6, List.of()),
          new Holding(Map.of(LINK, 700L), 6, List.of()),
          p -> 1000L);
      assertThat(store.reserved(LINK)).isEqualTo(800);
      store.release("y");
      store.release("z");
      assertThat(store.reserved(LINK)).isZero();
      assertThat(e.get("rate/s1/1")).as("nothing left: no key").isNull();

      e.put("rate/s1/2", "\"fast\"");
      assertThatThrownBy(() -> store.reserved(new ConnectPoint("s1", 2)))
          .hasMessageContaining("rate/s1/2");
    }
  }

  /**
   * An edge port keeps each slice's claims under a key of its own and, in its own key, only how
   * many slices claim on it; a port written by an earlier version (every slice's claims by name in
   * its key) is read, checked and kept that way until its last claim is gone.
   */
  @Test
  void anEdgePortKeepsEachSlicesClaimsApartAndReadsTheFormerForm() {
    open().close();
    try (EtcdStore store = connect()) {
      Etcd e = store.etcd();
      e.put(
          "edge/s1/10",
          "{\"x\": [{\"device\": \"s1\", \"port\": 10, \"srcPrefix\": \"10.0.1.0/24\","
              + " \"vlan\": null}]}");
      e.put(
          "held/x",
          "{\"sliceId\": 5, \"rates\": [], \"edges\": [{\"device\": \"s1\", \"port\": 10,"
              + " \"srcPrefix\": \"10.0.1.0/24\", \"vlan\": null}]}");
      assertThatThrownBy(() -> store.admit("y", Holding.NONE, claiming(6, "10.0.1.0/25"), p -> 0))
          .as("overlaps x's claim, read from the former form")
          .isInstanceOf(DuplicateException.class);
      store.admit("z", Holding.NONE, claiming(7, "10.0.2.0/24"), p -> 0);
      assertThat(e.get("edge/s1/10").text()).as("kept in the former form").startsWith("{");
      assertThat(e.range("claims/")).isEmpty();
      assertThat(new AdmissionReading(e).claimsOn(EDGE)).containsOnlyKeys("x", "z");
      store.release("x");
      store.release("z");
      assertThat(e.get("edge/s1/10")).isNull();

      store.admit("a", Holding.NONE, claiming(8, "10.0.1.0/24"), p -> 0);
      store.admit("b", Holding.NONE, claiming(9, "10.0.2.0/24"), p -> 0);
      assertThat(e.get("edge/s1/10").text()).isEqualTo("2");
      assertThat(e.range("claims/s1/10/")).hasSize(2);
      long before = e.get("claims/s1/10/a").modRevision();
      assertThatThrownBy(
              () -> store.admit("c", Holding.NONE, claiming(10, "10.0.2.128/25"), p -> 0))
          .isInstanceOf(DuplicateException.class);
      store.admit("b", claiming(9, "10.0.2.0/24"), claiming(9, "10.0.3.0/24"), p -> 0);
      assertThat(e.get("claims/s1/10/a").modRevision())
          .as("a's claims not rewritten")
          .isEqualTo(before);
      assertThat(e.get("edge/s1/10").text()).isEqualTo("2");
      store.admit("c", Holding.NONE, claiming(10, "10.0.2.128/25"), p -> 0);
      assertThat(new AdmissionReading(e).claimsOn(EDGE)).containsOnlyKeys("a", "b", "c");
      store.release("a");
      store.release("b");
      store.release("c");
      assertThat(e.get("edge/s1/10")).isNull();
      assertThat(e.range("claims/")).isEmpty();
    }
  }

  private static Holding claiming(int sliceId, String prefix) {
    return new Holding(
        Map.of(),
        sliceId,
        List.of(new EdgeClaim(EDGE, net.vdn.pipeconf.rule.Ipv4Prefix.parse(prefix))));
  }

  @Test
  void aSliceWriteWithoutAnAuditScopeWritesNoRecord() {
    open().close();
    try (EtcdStore store = connect()) {
      store.put(slice("a"), Map.of());
      store.remove("a", Map.of());
      assertThat(store.auditTail(10)).isEmpty();
    }
  }
}
