package net.vdn.controller.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.controller.slice.SliceStore;
import net.vdn.controller.topology.Link;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {
  private static SliceSpec slice(String name, int id) {
    return new SliceSpec(
        name,
        "tenant",
        id,
        List.of(
            new Endpoint("s1", 10, Ipv4Prefix.parse("10.1.0.0/16"), "00:00:00:00:00:01"),
            Endpoint.of("s3", 10)),
        10_000_000,
        20_000_000,
        2);
  }

  private static final List<net.vdn.controller.path.Path> PATHS =
      List.of(
          new net.vdn.controller.path.Path(
              List.of(
                  new Link(new ConnectPoint("s1", 1), new ConnectPoint("s2", 1), 100),
                  new Link(new ConnectPoint("s2", 2), new ConnectPoint("s3", 1), 100))));

  @Test
  void slicesReservationsAndDevicesSurviveARestart(@TempDir Path dir) {
    Path file = dir.resolve("state/vdn.json");
    FileStore store = new FileStore(file);
    store.putDevice(DeviceConfig.p4("s1", "127.0.0.1:50001", 1));
    store.putDevice(DeviceConfig.p4("s2", "127.0.0.1:50002", 2));
    store.put(new SliceStore.StoredSlice(slice("a", 10), PATHS, null));
    store.put(new SliceStore.StoredSlice(slice("b", 20), List.of(), null));
    store.remove("a");
    store.removeDevice("s2");
    FileStore reopened = new FileStore(file);
    assertThat(reopened.all())
        .containsExactly(new SliceStore.StoredSlice(slice("b", 20), List.of(), null));
    assertThat(reopened.devices()).containsExactly(DeviceConfig.p4("s1", "127.0.0.1:50001", 1));
    store.put(new SliceStore.StoredSlice(slice("c", 30), PATHS, null));
    assertThat(new FileStore(file).all().get(1).paths()).isEqualTo(PATHS);
    assertThat(Files.exists(file.resolveSibling("vdn.json.tmp"))).isFalse();
  }

  @Test
  void theJournalIsCompactedIntoASnapshotAndBothAreRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vdn.json");
    FileStore store = new FileStore(file);
    for (int i = 1; i <= FileStore.COMPACT_AFTER + 5; i++) {
      store.put(new SliceStore.StoredSlice(slice("s" + i, i % 4000 + 1), PATHS, null));
    }
    store.remove("s1");
    assertThat(Files.exists(file))
        .as("snapshot after %d changes", FileStore.COMPACT_AFTER)
        .isTrue();
    assertThat(Files.readAllLines(file.resolveSibling("vdn.json.journal"))).hasSize(6);
    FileStore reopened = new FileStore(file);
    assertThat(reopened.all()).hasSize(FileStore.COMPACT_AFTER + 4);
    assertThat(reopened.all().get(0).spec().name()).isEqualTo("s2");
  }

  @Test
  void aLastLineCutShortByACrashIsDroppedAnythingElseBrokenIsRefused(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("vdn.json");
    new FileStore(file).put(new SliceStore.StoredSlice(slice("a", 10), PATHS, null));
    Path journal = file.resolveSibling("vdn.json.journal");
    String good = Files.readString(journal);
    Files.writeString(journal, good + good.substring(0, good.length() / 2));
    assertThat(new FileStore(file).all()).hasSize(1);
    Files.writeString(journal, good.substring(0, good.length() / 2) + "\n" + good);
    assertThatThrownBy(() -> new FileStore(file)).hasMessageContaining("journal line 1");
  }

  @Test
  void aBrokenFileIsRefusedNotIgnored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vdn.json");
    Files.deleteIfExists(file.resolveSibling("vdn.json.journal"));
    Files.writeString(
        file,
        "{\"version\": 1, \"devices\": [], \"slices\": [{\"spec\": {\"name\": \"a\", \"sliceId\":"
            + " 99999}, \"paths\": []}]}");
    assertThatThrownBy(() -> new FileStore(file))
        .hasMessageContaining("cannot read the controller store");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> new FileStore(file))
        .hasMessageContaining("cannot read the controller store");
    Files.writeString(file, "{\"version\": 7, \"devices\": [], \"slices\": []}");
    assertThatThrownBy(() -> new FileStore(file)).hasMessageContaining("version 7");
  }

  private static net.vdn.controller.security.AuditRecord record(String id) {
    return new net.vdn.controller.security.AuditRecord(
        "2026-01-01T00:00:00Z",
        id,
        "anonymous",
        null,
        null,
        "POST /api/v1/slices",
        id,
        201,
        "ok",
        null);
  }

  @Test
  void auditRecordsAreInTheFileWhenAppendReturnsAndNoneIsLostToTheFlusher(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("vdn.json");
    FileStore store = new FileStore(file);
    store.append(record("first"));
    // Not closed: what a killed controller leaves behind is what a new one reads.
    assertThat(new FileStore(file).auditTail(10))
        .extracting(net.vdn.controller.security.AuditRecord::requestId)
        .containsExactly("first");
    Thread[] writers = new Thread[4];
    for (int t = 0; t < writers.length; t++) {
      int w = t;
      writers[t] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 250; i++) {
                      store.append(record("w" + w + "-" + i));
                    }
                  });
    }
    for (Thread t : writers) {
      t.join();
    }
    assertThat(new FileStore(file).auditTail(2000)).hasSize(1001);
    store.close();
    store.append(record("after-close"));
    store.close();
    List<net.vdn.controller.security.AuditRecord> all = new FileStore(file).auditTail(2000);
    assertThat(all).hasSize(1002);
    assertThat(all.get(1001).requestId()).isEqualTo("after-close");
    assertThat(Files.readAllLines(dir.resolve("vdn.json.audit"))).hasSize(1002);
  }
}
