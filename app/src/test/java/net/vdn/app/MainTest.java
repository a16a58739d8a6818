package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The main job starts the emulated KREONET-S, connects to every switch and finds every link. */
class MainTest {
  @Test
  void discoversEveryLinkOfKreonetS(@TempDir Path dir) {
    int code =
        Main.commandLine()
            .execute(
                "--first-port",
                "0",
                "--rest-port",
                "0",
                "--store",
                dir.resolve("vdn-state.json").toString(),
                "--exit-after-discovery");
    assertThat(code).isZero();
  }

  @Test
  void threeControllersShareOneEtcdAndFindEveryLinkOfKreonetS(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        LocalEtcd.find().isPresent(),
        "etcd is not on PATH: install Debian's etcd-server (apt-get install etcd-server)");
    int etcdPort;
    try (var s = new ServerSocket(0)) {
      etcdPort = s.getLocalPort();
    }
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    int code =
        cmd.execute(
            "--cluster",
            "3",
            "--etcd-port",
            String.valueOf(etcdPort),
            "--first-port",
            "0",
            "--rest-port",
            "0",
            "--store",
            dir.resolve("vdn-state.json").toString(),
            "--exit-after-discovery");
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("controller c3: REST API on")
        .contains("discovered 20 of 20 link directions")
        .containsPattern("first operator token \\(shown once[^)]*\\): vdn_[0-9a-f]{16}_\\S{43}");
    assertThat(dir.resolve("vdn-etcd").resolve("data")).isDirectory();
  }

  @Test
  void etcdEndpointsWithoutAClusterAreRefused(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    String store = dir.resolve("vdn-state.json").toString();
    assertThat(cmd.execute("--etcd", "http://127.0.0.1:2379", "--store", store)).isEqualTo(2);
    assertThat(err.toString()).contains("--etcd needs --cluster N");
    err.getBuffer().setLength(0);
    assertThat(cmd.execute("--cluster", "-1", "--store", store)).isEqualTo(2);
    assertThat(err.toString()).contains("--cluster must be 1 or more");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theFirstStartPrintsAnOperatorTokenOnceAndAuthenticationIsOn(@TempDir Path dir) {
    String store = dir.resolve("vdn-state.json").toString();
    String[] args = {
      "--first-port", "0", "--rest-port", "0", "--store", store, "--exit-after-discovery"
    };
    StringWriter first = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(first));
    assertThat(cmd.execute(args)).isZero();
    assertThat(first.toString())
        .containsPattern("first operator token \\(shown once[^)]*\\): vdn_[0-9a-f]{16}_\\S{43}")
        .doesNotContain("authentication is off");
    StringWriter second = new StringWriter();
    CommandLine again = Main.commandLine();
    again.setOut(new PrintWriter(second));
    assertThat(again.execute(args)).isZero();
    assertThat(second.toString()).doesNotContain("first operator token");
  }

  @Test
  void aBadTopologyFileIsReportedNotThrown(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("t.json");
    Files.writeString(bad, "{\"switches\": []}");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    assertThat(
            cmd.execute(
                "--topology",
                bad.toString(),
                "--first-port",
                "0",
                "--store",
                dir.resolve("vdn-state.json").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("at least one switch");
  }

  @Test
  void aBadControllerConfigIsReportedWithItsField(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("vdn.json");
    Files.writeString(bad, "{\"devices\": [{\"name\": \"s1\", \"deviceId\": 1}]}");
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    assertThat(cmd.execute("--config", bad.toString())).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("vdn: ")
        .contains("p4runtime")
        .contains("needs host:port");
    Files.writeString(bad, "{\"restPort\": 8181, \"colour\": \"red\"}");
    err.getBuffer().setLength(0);
    assertThat(cmd.execute("--config", bad.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("colour");
    assertThat(Files.list(dir)).containsExactly(bad);
  }
}
