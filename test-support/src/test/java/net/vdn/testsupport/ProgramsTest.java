package net.vdn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramsTest {
  @Test
  void findsProgramsOnPathAndNotWhatIsMissing() {
    assertThat(Programs.find("sh")).hasValueSatisfying(p -> assertThat(p).isExecutable());
    assertThat(Programs.onPath("sh")).isTrue();
    assertThat(Programs.find("vdn-no-such-program")).isEmpty();
    assertThat(Programs.onPath("vdn-no-such-program")).isFalse();
  }

  @Test
  void runReturnsTheOutputAndAFailureRaisesIt() throws Exception {
    assertThat(Programs.run("sh", "-c", "echo out; echo err >&2")).contains("out").contains("err");
    assertThatThrownBy(() -> Programs.run("sh", "-c", "echo why; exit 3"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exit 3")
        .hasMessageContaining("why");
  }

  @Test
  void runsInTheDirectoryItIsGiven(@TempDir Path dir) throws Exception {
    Programs.run(new ProcessBuilder("sh", "-c", "echo here > made").directory(dir.toFile()));
    assertThat(dir.resolve("made")).hasContent("here");
  }

  @Test
  void startedProcessesWriteTheirLogAndStopByHandle(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("out.log");
    Process p = Programs.start(log, "sh", "-c", "echo started; exec sleep 60");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Files.readString(log).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(log).content().contains("started");
    Programs.stop(p);
    assertThat(p.isAlive()).isFalse();
    Programs.stop(p);
    Programs.stop(null);
  }

  @Test
  void freePortsAreOnLoopbackAndBindable() throws Exception {
    int port = FreePorts.tcp();
    assertThat(port).isBetween(1, 65535);
    try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }
}
