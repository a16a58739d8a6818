package net.vdn.controller.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.error.StoreUnavailableException;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.Holding;
import net.vdn.testsupport.EtcdMembers;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that ride with a slice's admission, on a real etcd member of the test's own: committed in
 * the admission's transaction, for that slice only, never with an admission that is refused or
 * writes nothing, and reported as possibly committed when etcd does not answer.
 */
@RequiresBinary(value = "etcd", howToGet = EtcdMembers.HOW_TO_GET)
class AdmissionRiderTest {
  private static final ConnectPoint LINK = new ConnectPoint("s1", 1);
  private static final long CAPACITY = 1_000_000L;

  @TempDir Path dir;

  private static Holding holding(long bps, int sliceId) {
    return new Holding(Map.of(LINK, bps), sliceId, List.of());
  }

  private static AdmissionRider rider(String slice, String key) {
    return new AdmissionRider(slice, List.of(Etcd.Write.put(key, "{}")));
  }

  private static void admit(
      AdmissionRider rider, EtcdStore store, String slice, Holding expected, Holding wanted) {
    rider.carry(
        () -> {
          store.admit(slice, expected, wanted, p -> CAPACITY);
          return null;
        });
  }

  @Test
  void writesGoWithTheirSlicesAdmissionOnly() throws Exception {
    try (EtcdMembers etcd = EtcdMembers.start(1, dir);
        EtcdStore store = EtcdStore.open(etcd.endpoints(), "/rider/", Duration.ofSeconds(3))) {
      Etcd e = store.etcd();
      AdmissionRider a = rider("a", "requests/c2/x-1");
      admit(a, store, "a", Holding.NONE, holding(1000, 7));
      assertThat(a.sent()).isTrue();
      assertThat(e.get("requests/c2/x-1").modRevision())
          .as("one transaction")
          .isEqualTo(e.get("held/a").modRevision());

      // Another slice's admission does not take a rider; nor does one that changes nothing.
      AdmissionRider other = rider("b", "requests/c2/x-2");
      admit(other, store, "c", Holding.NONE, holding(1000, 9));
      assertThat(other.sent()).isFalse();
      assertThat(e.get("held/c")).isNotNull();
      assertThat(e.get("requests/c2/x-2")).isNull();
      AdmissionRider same = rider("a", "requests/c2/x-3");
      admit(same, store, "a", holding(1000, 7), holding(1000, 7));
      assertThat(same.sent()).isFalse();
      assertThat(e.get("requests/c2/x-3")).isNull();

      // A refused admission writes nothing, its rider neither.
      AdmissionRider refused = rider("d", "requests/c2/x-4");
      assertThatThrownBy(() -> admit(refused, store, "d", Holding.NONE, holding(CAPACITY, 10)))
          .isInstanceOf(AdmissionException.class);
      assertThat(refused.sent()).isFalse();
      assertThat(refused.unsure()).isFalse();
      assertThat(e.get("requests/c2/x-4")).isNull();
      assertThat(e.get("held/d")).isNull();

      // etcd gone: the admission's outcome is not known, so neither is whether the rider went.
      etcd.kill(0);
      AdmissionRider lost = rider("f", "requests/c2/x-5");
      assertThatThrownBy(() -> admit(lost, store, "f", Holding.NONE, holding(1000, 11)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(lost.unsure()).isTrue();
      assertThat(lost.sent()).isFalse();
    }
  }
}
