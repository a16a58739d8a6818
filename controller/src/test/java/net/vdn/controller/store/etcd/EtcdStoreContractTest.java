package net.vdn.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.security.Grant;
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
 * gets a key space of its own, and reopening is a new connection reading it again.
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
}
