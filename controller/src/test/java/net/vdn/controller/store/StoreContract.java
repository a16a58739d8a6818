package net.vdn.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.device.SliceCounters;
import net.vdn.controller.error.DuplicateException;
import net.vdn.controller.optical.OpticalDeviceConfig;
import net.vdn.controller.optical.OpticalRoute;
import net.vdn.controller.path.AdmissionException;
import net.vdn.controller.path.EdgeClaim;
import net.vdn.controller.path.Holding;
import net.vdn.controller.path.Path;
import net.vdn.controller.security.ApiToken;
import net.vdn.controller.security.AuditRecord;
import net.vdn.controller.security.Grant;
import net.vdn.controller.security.Role;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.topology.Link;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the controller's stores must do: the same tests, run against each
 * (the file store, the memory store, and any other). {@link #reopen} gives the store as a
 * controller started again would find it; stores that keep nothing across restarts return the same
 * instance.
 */
public abstract class StoreContract {
  private ControllerStore store;

  /** A new, empty store. */
  protected abstract ControllerStore open() throws Exception;

  /** The same store as a restarted controller opens it (the open one is closed first). */
  protected abstract ControllerStore reopen(ControllerStore store) throws Exception;

  private ControllerStore store() throws Exception {
    if (store == null) {
      store = open();
    }
    return store;
  }

  private ControllerStore restart() throws Exception {
    store = reopen(store());
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static SliceSpec slice(String name, int id) {
    return new SliceSpec(
        name,
        "tenant",
        id,
        List.of(
            new Endpoint("s1", 10, Ipv4Prefix.parse("10.1.0.0/16"), "00:00:00:00:00:01"),
            Endpoint.of("s3", 10)),
        10_000_000,
        20_000_000,
        250,
        2,
        null);
  }

  static final List<Path> PATHS =
      List.of(
          new Path(
              List.of(
                  new Link(at("s1", 1), at("s2", 1), 100),
                  new Link(at("s2", 2), at("s3", 1), 100))));

  static ConnectPoint at(String device, int port) {
    return new ConnectPoint(device, port);
  }

  // ------------------------------------------------------------------ slices

  @Test
  void slicesArePutReplacedAndRemovedByName() throws Exception {
    ControllerStore s = store();
    s.put(new StoredSlice(slice("a", 10), PATHS, null));
    s.put(new StoredSlice(slice("b", 20), List.of(), null));
    SliceCounters base = new SliceCounters(1, 2, 3, 4, 5, 6);
    s.put(new StoredSlice(slice("a", 11), PATHS, base));
    s.remove("missing");
    assertThat(s.all()).extracting(StoredSlice::name).containsExactly("a", "b");
    assertThat(s.get("a").orElseThrow()).isEqualTo(new StoredSlice(slice("a", 11), PATHS, base));
    s.remove("b");
    assertThat(s.get("b")).isEmpty();
    assertThat(restart().all()).containsExactly(new StoredSlice(slice("a", 11), PATHS, base));
  }

  @Test
  void aStoredSliceKeepsEveryFieldOfItsSpec() throws Exception {
    StoredSlice full = new StoredSlice(slice("full", 4094), PATHS, SliceCounters.ZERO);
    store().put(full);
    assertThat(restart().get("full")).contains(full);
    assertThat(store().get("full").orElseThrow().spec().burstMs()).isEqualTo(250);
  }

  // ------------------------------------------------------------------ devices

  @Test
  void devicesArePutReplacedAndRemovedByName() throws Exception {
    ControllerStore s = store();
    s.putDevice(DeviceConfig.p4("s1", "127.0.0.1:50001", 1));
    s.putDevice(DeviceConfig.p4("s2", "127.0.0.1:50002", 2));
    s.putDevice(DeviceConfig.p4("s1", "127.0.0.1:50009", 9));
    s.removeDevice("s2");
    s.removeDevice("missing");
    assertThat(restart().devices()).containsExactly(DeviceConfig.p4("s1", "127.0.0.1:50009", 9));
  }

  // ------------------------------------------------------------------ optical

  @Test
  void opticalDevicesAndRoutesAreKept() throws Exception {
    ControllerStore s = store();
    OpticalDeviceConfig ne =
        new OpticalDeviceConfig(
            "ne-a", "tl1", "127.0.0.1", 3083, "admin", "secret", null, null, "NE-A", null);
    s.putOpticalDevice(ne);
    OpticalRoute r =
        new OpticalRoute("s1", "s3", List.of(new OpticalRoute.Hop("ne-a", "CLIENT-1", "LINE-1")));
    s.putOpticalRoutes(List.of(r));
    ControllerStore again = restart();
    assertThat(again.opticalDevices()).containsExactly(ne);
    assertThat(again.opticalRoutes()).containsExactly(r);
    again.removeOpticalDevice("ne-a");
    again.putOpticalRoutes(List.of());
    assertThat(restart().opticalDevices()).isEmpty();
    assertThat(store().opticalRoutes()).isEmpty();
  }

  // ------------------------------------------------------------------ reservations

  private static final long CAPACITY = 100;

  private static long capacity(ConnectPoint port) {
    return CAPACITY;
  }

  @Test
  void reservationsAddUpPerDirectionUpToTheCapacity() throws Exception {
    ControllerStore s = store();
    s.reserve("a", Map.of(at("s1", 1), 60L, at("s2", 1), 60L), StoreContract::capacity);
    s.reserve("b", Map.of(at("s1", 1), 40L), StoreContract::capacity);
    assertThat(s.reserved(at("s1", 1))).isEqualTo(100);
    assertThat(s.reserved(at("s2", 1))).isEqualTo(60);
    assertThat(s.heldBy("a")).isEqualTo(Map.of(at("s1", 1), 60L, at("s2", 1), 60L));
    assertThat(s.holders()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aReservationWithoutRoomChangesNothingAndNamesTheDirection() throws Exception {
    ControllerStore s = store();
    s.reserve("a", Map.of(at("s2", 1), 70L), StoreContract::capacity);
    assertThatThrownBy(
            () ->
                s.reserve("b", Map.of(at("s1", 1), 50L, at("s2", 1), 50L), StoreContract::capacity))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("s2:1")
        .hasMessageContaining("slice b");
    assertThat(s.heldBy("b")).isEmpty();
    assertThat(s.reserved(at("s1", 1))).as("nothing half-reserved").isZero();
  }

  @Test
  void aSliceReplacesWhatItHeldAndMayGrowOnItsOwnShare() throws Exception {
    ControllerStore s = store();
    s.reserve("a", Map.of(at("s1", 1), 80L, at("s2", 1), 10L), StoreContract::capacity);
    s.reserve("a", Map.of(at("s1", 1), 100L), StoreContract::capacity);
    assertThat(s.heldBy("a")).isEqualTo(Map.of(at("s1", 1), 100L));
    assertThat(s.reserved(at("s2", 1))).isZero();
    assertThatThrownBy(() -> s.reserve("a", Map.of(at("s1", 1), 101L), StoreContract::capacity))
        .isInstanceOf(AdmissionException.class);
    assertThat(s.heldBy("a")).as("the old reservation stays").isEqualTo(Map.of(at("s1", 1), 100L));
    s.release("a");
    s.release("never");
    assertThat(s.holders()).isEmpty();
    assertThat(s.reserved(at("s1", 1))).isZero();
  }

  @Test
  void negativeReservationsAreRefused() throws Exception {
    assertThatThrownBy(
            () -> store().reserve("a", Map.of(at("s1", 1), -1L), StoreContract::capacity))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store().holders()).isEmpty();
  }

  // ------------------------------------------------------------------ admission: id, edge ports

  private static Holding holding(int sliceId, Map<ConnectPoint, Long> rates, EdgeClaim... edges) {
    return new Holding(rates, sliceId, List.of(edges));
  }

  private static EdgeClaim edge(String device, int port, String prefix) {
    return new EdgeClaim(at(device, port), prefix == null ? null : Ipv4Prefix.parse(prefix));
  }

  @Test
  void aSliceIdIsHeldByOneSliceOnly() throws Exception {
    ControllerStore s = store();
    s.admit("a", Holding.NONE, holding(7, Map.of(at("s1", 1), 10L)), StoreContract::capacity);
    assertThatThrownBy(
            () ->
                s.admit(
                    "b",
                    Holding.NONE,
                    holding(7, Map.of(at("s2", 1), 10L)),
                    StoreContract::capacity))
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("sliceId: 7 is used by slice 'a'");
    assertThat(s.held("b")).isEqualTo(Holding.NONE);
    assertThat(s.reserved(at("s2", 1))).as("nothing of b was reserved").isZero();
    s.release("a");
    s.admit("b", Holding.NONE, holding(7, Map.of()), StoreContract::capacity);
    assertThat(s.held("b").sliceId()).isEqualTo(7);
  }

  @Test
  void overlappingEdgePortsAreRefusedAndDisjointPrefixesShareAPort() throws Exception {
    ControllerStore s = store();
    s.admit(
        "a",
        Holding.NONE,
        holding(1, Map.of(), edge("s1", 10, "10.1.0.0/16")),
        StoreContract::capacity);
    s.admit(
        "b",
        Holding.NONE,
        holding(2, Map.of(), edge("s1", 10, "10.2.0.0/16")),
        StoreContract::capacity);
    assertThatThrownBy(
            () ->
                s.admit(
                    "c",
                    Holding.NONE,
                    holding(3, Map.of(), edge("s1", 10, null)),
                    StoreContract::capacity))
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("endpoint s1:10 is taken by slice");
    assertThatThrownBy(
            () ->
                s.admit(
                    "d",
                    Holding.NONE,
                    holding(4, Map.of(), edge("s1", 10, "10.2.3.0/24")),
                    StoreContract::capacity))
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("slice 'b'");
    assertThat(s.holders()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void anAdmissionHappensOnlyOverWhatTheCallerExpects() throws Exception {
    ControllerStore s = store();
    Holding first = holding(5, Map.of(at("s1", 1), 10L), edge("s1", 10, null));
    s.admit("a", Holding.NONE, first, StoreContract::capacity);
    assertThatThrownBy(
            () -> s.admit("a", Holding.NONE, holding(6, Map.of()), StoreContract::capacity))
        .as("a second creation of the same slice")
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("slice 'a' exists already");
    Holding second = holding(5, Map.of(at("s1", 1), 20L), edge("s1", 10, null));
    s.admit("a", first, second, StoreContract::capacity);
    assertThatThrownBy(() -> s.admit("a", first, holding(5, Map.of()), StoreContract::capacity))
        .as("a change made over a version that is gone")
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("changed by another request");
    assertThat(s.held("a")).isEqualTo(second);
    assertThat(s.reserved(at("s1", 1))).isEqualTo(20);
  }

  @Test
  void aRefusedAdmissionKeepsWhatTheSliceHeld() throws Exception {
    ControllerStore s = store();
    Holding held = holding(5, Map.of(at("s1", 1), 10L), edge("s1", 10, null));
    s.admit("a", Holding.NONE, held, StoreContract::capacity);
    s.admit("b", Holding.NONE, holding(6, Map.of(at("s2", 1), 95L)), StoreContract::capacity);
    assertThatThrownBy(
            () ->
                s.admit(
                    "a",
                    held,
                    holding(5, Map.of(at("s1", 1), 10L, at("s2", 1), 10L), edge("s3", 10, null)),
                    StoreContract::capacity))
        .isInstanceOf(AdmissionException.class)
        .hasMessageContaining("s2:1");
    assertThat(s.held("a")).isEqualTo(held);
    assertThat(s.held("c")).isEqualTo(Holding.NONE);
    s.release("a");
    assertThat(s.held("a")).isEqualTo(Holding.NONE);
    s.admit("c", Holding.NONE, holding(5, Map.of(), edge("s1", 10, null)), StoreContract::capacity);
    assertThat(s.held("c").edges()).containsExactly(edge("s1", 10, null));
  }

  // ------------------------------------------------------------------ tokens, grants, audit

  static ApiToken token(String id, String tenant, Role role) {
    return new ApiToken(id, tenant, role, "for " + tenant, "ab".repeat(32), "2026-01-01T00:00:00Z");
  }

  @Test
  void tokensArePutFoundAndRemovedByIdAndSurviveARestart() throws Exception {
    ApiToken op = token("0123456789abcdef", null, Role.OPERATOR);
    ApiToken a = token("fedcba9876543210", "a", Role.TENANT_VIEWER);
    store().putToken(op);
    store().putToken(a);
    assertThat(restart().tokens()).containsExactly(op, a);
    assertThat(store().token("fedcba9876543210")).contains(a);
    store().removeToken("0123456789abcdef");
    store().removeToken("1111111111111111");
    assertThat(restart().tokens()).containsExactly(a);
    assertThat(store().token("0123456789abcdef")).isEmpty();
  }

  @Test
  void grantsAreKeptOnceAndTakenBackExactly() throws Exception {
    Grant port = new Grant("a", "s1", 10, null);
    Grant vlan = new Grant("b", "s1", 11, 300);
    store().putGrant(port);
    store().putGrant(port);
    store().putGrant(vlan);
    assertThat(restart().grants()).containsExactly(port, vlan);
    store().removeGrant(new Grant("b", "s1", 11, null));
    assertThat(store().grants()).containsExactly(port, vlan);
    store().removeGrant(vlan);
    assertThat(restart().grants()).containsExactly(port);
  }

  @Test
  void theAuditLogOnlyGrowsAndGivesItsNewestRecordsOldestFirst() throws Exception {
    for (int i = 0; i < 5; i++) {
      store()
          .append(
              new AuditRecord(
                  "2026-01-01T00:00:0" + i + "Z",
                  "r" + i,
                  "token:0123456789abcdef",
                  null,
                  "operator",
                  "DELETE /api/v1/slices/s" + i,
                  "s" + i,
                  i == 4 ? 404 : 204,
                  i == 4 ? "refused" : "ok",
                  i == 4 ? "no slice 's4'" : null));
    }
    assertThat(restart().auditTail(2))
        .extracting(AuditRecord::requestId)
        .containsExactly("r3", "r4");
    assertThat(store().auditTail(100)).hasSize(5);
    assertThat(store().auditTail(100).get(4).message()).isEqualTo("no slice 's4'");
  }
}
