package net.vdn.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.vdn.controller.ControllerFixture;
import net.vdn.controller.cli.Vdnctl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vdnctl} against a running controller. */
class VdnctlTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(int port, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Vdnctl.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--url";
    all[1] = "http://127.0.0.1:" + port;
    System.arraycopy(args, 0, all, 2, args.length);
    return new Run(cl.execute(all), out.toString(), err.toString());
  }

  /** {@code vdnctl slice create|modify a} between {@code first} and s3:10 at a committed rate. */
  private static Run slice(int port, String verb, String first, String cir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "slice",
                verb,
                "a",
                "--tenant",
                "t",
                "--id",
                "100",
                "--endpoint",
                first,
                "--endpoint",
                "s3:10",
                "--cir",
                cir));
    args.addAll(List.of(more));
    return run(port, args.toArray(String[]::new));
  }

  @Test
  void createsListsShowsAndDeletesSlices() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(ControllerFixture.SQUARE, dir)) {
      f.awaitLinks(8);
      int port = f.controller.restPort();
      Run created = slice(port, "create", "s1:10@00:00:00:00:0a:01", "10M", "--pir", "15M");
      assertThat(created.code()).as(created.err()).isZero();
      assertThat(created.out()).contains("\"cirBps\" : 10000000").contains("\"pirBps\" : 15000000");
      assertThat(f.net.host("a1").ping("10.0.0.3", Duration.ofSeconds(5))).isNotNull();

      Run list = run(port, "slice", "list");
      assertThat(list.out().lines().toList()).hasSize(2);
      assertThat(list.out()).contains("NAME").contains("s1:10 s3:10").contains("active");
      assertThat(list.out()).contains(" 10M ").contains(" 15M ");
      Run links = run(port, "link", "list");
      assertThat(links.out().lines().toList()).hasSize(9);
      // Utilization is known once two port-statistics polls have been seen: until then "-".
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!links.out().contains("%") && System.nanoTime() < deadline) {
        Thread.sleep(200);
        links = run(port, "link", "list");
      }
      // Rates with units and shares in percent; the raw numbers with -o json.
      assertThat(links.out()).contains("100M").contains("%").doesNotContain("100000000");
      Run json = run(port, "-o", "json", "link", "list");
      assertThat(json.out()).contains("\"capacityBps\" : 100000000");
      assertThat(run(port, "device", "list").out()).contains("available");
      assertThat(run(port, "slice", "stats", "a").out()).contains("ingressPackets");

      Run modified = slice(port, "modify", "s1:10", "0.05G");
      assertThat(modified.code()).as(modified.err()).isZero();
      assertThat(f.services().slices().get("a").orElseThrow().spec().cirBps())
          .isEqualTo(50_000_000L);
      Run events = run(port, "events", "--limit", "500");
      assertThat(events.code()).as(events.err()).isZero();
      assertThat(events.out()).contains("TYPE").contains("link-up").contains("slice-modified");
      assertThat(events.out().lines().filter(l -> l.contains("slice-created"))).hasSize(1);
    }
  }

  @Test
  void refusalsAndBadArgumentsAreOneLineErrors() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(ControllerFixture.SQUARE, dir)) {
      f.awaitLinks(8);
      int port = f.controller.restPort();
      Run tooBig = slice(port, "create", "s1:10", "1G");
      assertThat(tooBig.code()).isEqualTo(1);
      assertThat(tooBig.err()).startsWith("vdnctl: ").contains("409 ADMISSION_REFUSED");
      assertThat(tooBig.err().lines().count()).isEqualTo(1);
      Run badRate = slice(port, "create", "s1:10", "ten");
      assertThat(badRate.code()).isEqualTo(2);
      assertThat(badRate.err()).contains("'ten' is not a rate");
      Run badPort = run(port, "device", "port", "s1", "1", "sideways");
      assertThat(badPort.code()).isEqualTo(2);
      assertThat(run(port, "slice", "list").out().lines().toList()).hasSize(1);
      Run unreachable = run(1, "health");
      assertThat(unreachable.code()).isEqualTo(1);
      assertThat(unreachable.err()).contains("cannot reach the controller");
    }
  }

  @Test
  void vdnctlNamesACustomerVlanAsDevicePortVlan() throws Exception {
    try (ControllerFixture f = ControllerFixture.start(ControllerFixture.SQUARE, dir)) {
      f.awaitLinks(8);
      Run created =
          run(
              f.controller.restPort(),
              "slice",
              "create",
              "v",
              "--tenant",
              "t",
              "--id",
              "120",
              "--endpoint",
              "s1:11:400",
              "--endpoint",
              "s3:11",
              "--cir",
              "5M");
      assertThat(created.code()).as(created.err()).isZero();
      assertThat(run(f.controller.restPort(), "slice", "list").out()).contains("s1:11:400 s3:11");
      f.net.host("b1").useVlan(400);
      assertThat(f.net.host("b1").ping("10.0.0.13", Duration.ofSeconds(5))).isNotNull();
    }
  }
}
