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
        assertThat(one.grants()).hasSize(ports - 1);
      }
    }
  }
}
