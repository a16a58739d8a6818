package net.vdn.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.vdn.controller.slice.Endpoint;
import net.vdn.controller.slice.SliceSpec;
import net.vdn.pipeconf.rule.Ipv4Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceStoreTest {
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

  @Test
  void slicesSurviveARestart(@TempDir Path dir) {
    Path file = dir.resolve("state/slices.json");
    FileSliceStore store = new FileSliceStore(file);
    store.put(slice("a", 10));
    store.put(slice("b", 20));
    store.remove("a");
    assertThat(new FileSliceStore(file).all()).containsExactly(slice("b", 20));
    assertThat(Files.exists(file.resolveSibling("slices.json.tmp"))).isFalse();
  }

  @Test
  void aBrokenFileIsRefusedNotIgnored(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("slices.json");
    Files.writeString(file, "[{\"name\": \"a\", \"sliceId\": 99999}]");
    assertThatThrownBy(() -> new FileSliceStore(file))
        .hasMessageContaining("cannot read the slice store");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> new FileSliceStore(file))
        .hasMessageContaining("cannot read the slice store");
  }
}
