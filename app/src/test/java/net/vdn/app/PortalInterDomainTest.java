package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.federation.FederationOptions;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import net.vdn.testsupport.FreePorts;
import net.vdn.testsupport.RequiresBinary;
import net.vdn.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * An inter-domain slice in the portal, in a real headless Chromium: two domains, each an emulated
 * network of two switches with its own controller, joined by a border link between s2:20 (domain a)
 * and b1:20 (domain b), a using VLANs 100-109 on it and b 300-309. Domain a asks for API tokens;
 * its operator follows a slice from s1:10 in a to b2:10 in b on the slices view, each domain's
 * segment with its state, VLAN and ports, until the slice is deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresBinary(value = "openssl", howToGet = "install openssl (Debian package openssl)")
class PortalInterDomainTest {
  static final Topology A =
      new Topology(
          List.of(new Topology.Switch("s1", 1), new Topology.Switch("s2", 2)),
          List.of(new Topology.Link("s1", 1, "s2", 1, 100, 0.1)),
          List.of(new Topology.Host("h1", "s1", 10, "00:00:00:00:0a:01", "10.0.0.1")));
  static final Topology B =
      new Topology(
          List.of(new Topology.Switch("b1", 11), new Topology.Switch("b2", 12)),
          List.of(new Topology.Link("b1", 1, "b2", 1, 100, 0.1)),
          List.of(new Topology.Host("g1", "b2", 10, "00:00:00:00:0b:01", "10.0.0.101")));

  final List<AutoCloseable> open = new ArrayList<>();
  Controller a;
  Api op;
  Api apiB;
  WebDriver browser;
  Page page;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Optional<String> missing = Browser.missing();
    Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    TestCertificates certsA = TestCertificates.make(Files.createDirectories(dir.resolve("a")));
    TestCertificates certsB = TestCertificates.make(Files.createDirectories(dir.resolve("b")));
    EmulatedNetwork netA = opened(EmulatedNetwork.start(A, 0));
    EmulatedNetwork netB = opened(EmulatedNetwork.start(B, 0));
    EmulatedNetwork.join(netA, "s2", 20, netB, "b1", 20, 100, 0.5);
    // Each peering names the other's URL: b's peering port is chosen before either starts. The
    // two sides' VLAN ranges on the border link do not meet: b translates at its border port.
    int peeringB = FreePorts.tcp();
    a =
        opened(
            Controller.start(
                options(netA, "a", 0, certsA, certsB, 100, peeringB)
                    .withSecurity(SecurityOptions.apiTokens())));
    Controller b =
        opened(
            Controller.start(options(netB, "b", peeringB, certsB, certsA, 300, a.peeringPort())));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((a.services().topology().links().size() < 2
            || b.services().topology().links().size() < 2)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(b.services().topology().links()).hasSize(2);
    assertThat(a.services().topology().links()).hasSize(2);
    op = new Api("http://127.0.0.1:" + a.restPort(), a.firstOperatorToken().orElseThrow());
    apiB = new Api("http://127.0.0.1:" + b.restPort(), "none"); // b asks for no token
    // a has b's advertisement over the peering API (its first TLS handshakes are done).
    long peered = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode peers;
    while ((peers = op.expect(200, "GET", "/api/v1/federation", null).get("peers")).isEmpty()
        && System.nanoTime() < peered) {
      Thread.sleep(200);
    }
    assertThat(peers).hasSize(1);
    browser = Browser.start();
    page = new Page(browser, op.base);
  }

  private <T extends AutoCloseable> T opened(T t) {
    open.add(0, t);
    return t;
  }

  /**
   * A domain's controller on its network, peering with the other through the border link (port 20
   * of a's s2 and b's b1), with ten VLANs from {@code vlanMin} on its side of the link.
   */
  private static ControllerOptions options(
      EmulatedNetwork net,
      String domain,
      int peeringPort,
      TestCertificates mine,
      TestCertificates theirs,
      int vlanMin,
      int peerPort) {
    boolean isA = domain.equals("a");
    List<DeviceConfig> devices = new ArrayList<>();
    for (Topology.Switch s : net.topology().switches()) {
      devices.add(DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId()));
    }
    FederationOptions.Peering peering =
        new FederationOptions.Peering(
            isA ? "s2" : "b1",
            20,
            isA ? "b" : "a",
            isA ? "b1" : "s2",
            20,
            vlanMin,
            vlanMin + 9,
            100_000_000,
            "https://127.0.0.1:" + peerPort,
            mine.clientCert(),
            mine.clientKey(),
            theirs.ca());
    return ControllerOptions.defaults(null)
        .withRest("127.0.0.1", 0)
        .withDiscoveryInterval(Duration.ofMillis(200))
        .withDevices(devices)
        .withFederation(
            new FederationOptions(
                domain,
                "127.0.0.1",
                peeringPort,
                mine.serverCert(),
                mine.serverKey(),
                10_000,
                5000, // a loaded machine's first TLS handshakes take seconds
                3,
                List.of(peering)));
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void theOperatorSeesEachDomainsSegmentUntilTheSliceIsDeleted() {
    page.signIn(op.token, "operator");
    browser.findElement(By.id("show-tenant")).click();
    op.expect(
        201,
        "POST",
        "/api/v1/slices",
        "{\"name\": \"x\", \"endpoints\": [\"a:s1:10\", \"b:b2:10\"], \"cirBps\": 10000000}");
    // What each domain keeps of it: a's slice x and b's slice a.x, each on the VLAN of its id.
    JsonNode inB = apiB.expect(200, "GET", "/api/v1/slices/a.x", null);
    int vlanA = op.expect(200, "GET", "/api/v1/slices/x", null).get("sliceId").asInt();
    int vlanB = inB.get("sliceId").asInt();
    int onLink = borderVlan(inB, "b1");
    assertThat(List.of(vlanA, onLink, vlanB)).containsExactly(100, 100, 300);

    WebElement row = page.waitFor(By.cssSelector("#slices tr[data-slice='x']"), 10);
    WebElement segA = row.findElement(By.cssSelector("ul.segments li.segment[data-domain='a']"));
    WebElement segB = row.findElement(By.cssSelector("ul.segments li.segment[data-domain='b']"));
    assertThat(row.findElements(By.cssSelector("ul.segments li.segment"))).hasSize(2);
    assertThat(segA.findElement(By.cssSelector(".status")).getText()).isEqualTo("committed");
    assertThat(segB.findElement(By.cssSelector(".status")).getText()).isEqualTo("committed");
    // Each domain's VLAN and ports: its edge port, and the border port with the link's VLAN
    // (b's segment on VLAN 300 translated to the link's 100). Neither was asked through a transit.
    assertThat(segA.getText()).isEqualTo("a committed VLAN %d · s1:10, s2:20:%d", vlanA, onLink);
    assertThat(segB.getText()).isEqualTo("b committed VLAN %d · b2:10, b1:20:%d", vlanB, onLink);
    page.shot("inter-domain-slice");

    // Modify in the form: only the rates of an inter-domain slice change, in both domains.
    row.findElement(By.cssSelector("button:not(.danger)")).click();
    WebElement cir = browser.findElement(By.id("slice-cir"));
    page.until(3, () -> "10".equals(cir.getDomProperty("value")));
    assertThat(browser.findElement(By.id("slice-id")).getDomProperty("disabled")).isEqualTo("true");
    assertThat(browser.findElement(By.id("slice-tenant")).getDomProperty("disabled"))
        .isEqualTo("true");
    cir.clear();
    cir.sendKeys("20");
    cir.sendKeys(org.openqa.selenium.Keys.ENTER);
    By rowX = By.cssSelector("#slices tr[data-slice='x']");
    By error = By.id("slice-error");
    page.until(
        10,
        () ->
            browser.findElement(rowX).getText().contains("20 Mb/s")
                || !browser.findElement(error).getText().isEmpty());
    assertThat(browser.findElement(error).getText()).as("the form's error").isEmpty();
    assertThat(apiB.expect(200, "GET", "/api/v1/slices/a.x", null).get("cirBps").asLong())
        .as("b's segment")
        .isEqualTo(20_000_000);

    op.expect(204, "DELETE", "/api/v1/slices/x", null);
    page.until(10, () -> browser.findElements(By.cssSelector("#slices tr[data-slice]")).isEmpty());
    apiB.expect(404, "GET", "/api/v1/slices/a.x", null);
    page.shot("inter-domain-slice-deleted");
    assertThat(browser.findElement(By.id("slice-error")).getText()).isEmpty();
    assertThat(page.scriptErrors()).isEmpty();
  }

  /** The VLAN a slice's endpoint on a border device carries on the inter-domain link. */
  private static int borderVlan(JsonNode slice, String device) {
    for (JsonNode e : slice.get("endpoints")) {
      if (e.get("device").asText().equals(device)) {
        return e.get("vlan").asInt();
      }
    }
    throw new AssertionError("no endpoint on " + device + ": " + slice);
  }
}
