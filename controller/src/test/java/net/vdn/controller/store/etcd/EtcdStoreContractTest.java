package net.vdn.controller.store.etcd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.vdn.controller.store.ControllerStore;
import net.vdn.controller.store.StoreContract;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
