package net.vdn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.vdn.controller.Controller;
import net.vdn.controller.ControllerOptions;
import net.vdn.controller.device.DeviceConfig;
import net.vdn.controller.security.SecurityOptions;
import net.vdn.emulation.EmulatedNetwork;
import net.vdn.emulation.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real headless Chromium (the system's, through its chromedriver) against the main
 * job's wiring: the KREONET-S emulation, API tokens on, tenants a and b granted ports 10 and 11 of
 * Seoul and Changwon. Screenshots of each view go to {@code target/portal-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
  EmulatedNetwork net;
  Controller controller;
  Api op;
  String aToken;
  String bToken;
  WebDriver browser;
  Page page;
  String base;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Optional<String> missing = Browser.missing();
    Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    Topology k = Topology.kreonetS();
    net = EmulatedNetwork.start(k, 0);
    List<DeviceConfig> devices = new ArrayList<>();
    k.switches()
        .forEach(
            s ->
                devices.add(
                    DeviceConfig.p4(s.name(), net.p4runtimeAddress(s.name()), s.deviceId())));
    controller =
        Controller.start(
            ControllerOptions.defaults(dir.resolve("vdn-state.json"))
                .withRest("127.0.0.1", 0)
                .withDevices(devices)
                .withSecurity(SecurityOptions.apiTokens()),
            routes -> EmulationApi.register(routes, net));
    base = "http://127.0.0.1:" + controller.restPort();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (controller.services().topology().links().size() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(controller.services().topology().links()).hasSize(20);
    op = new Api(base, controller.firstOperatorToken().orElseThrow());
    aToken = op.token("a");
    bToken = op.token("b");
    for (String grant :
        List.of("a seoul 10", "a changwon 10", "b seoul 11", "b changwon 11", "b busan 11")) {
      String[] g = grant.split(" ");
      op.expect(
          201,
          "POST",
          "/api/v1/grants",
          "{\"tenant\": \"%s\", \"device\": \"%s\", \"port\": %s}".formatted(g[0], g[1], g[2]));
    }
    browser = Browser.start();
    page = new Page(browser, base);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (controller != null) {
      controller.close();
    }
    if (net != null) {
      net.close();
    }
  }

  @BeforeEach
  void oneTab() {
    page.viewport(1280, 800);
  }

  @AfterEach
  void signOutEverywhere() {
    List<String> tabs = new ArrayList<>(browser.getWindowHandles());
    for (int i = 1; i < tabs.size(); i++) {
      browser.switchTo().window(tabs.get(i)).close();
    }
    browser.switchTo().window(tabs.get(0));
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    for (JsonNode s : op.expect(200, "GET", "/api/v1/slices", null)) {
      op.expect(204, "DELETE", "/api/v1/slices/" + s.get("name").asText(), null);
    }
  }

  @Order(1)
  @Test
  void aTenantCreatesASliceWatchesItsTrafficAndDeletesItWhileAnotherNeverSeesIt() throws Exception {
    browser.get(base + "/");
    page.waitFor(By.id("token"), 10);
    page.shot("sign-in");
    page.signIn(aToken, "tenant a");
    createSlice("a-video", 101, "100", List.of("seoul:10", "changwon:10"));
    WebElement row = page.waitFor(By.cssSelector("#slices tr[data-slice='a-video']"), 10);
    page.until(10, () -> row(row, ".status").equals("active"));
    // The path runs from the first of its devices by name: Changwon, ..., Seoul.
    assertThat(row(row, ".path")).matches("changwon( → [a-z]+)+ → seoul");
    assertThat(row.getText()).contains("100 Mb/s");

    // 40 Mb/s of UDP from Seoul's host 1 to Changwon's while the page reads the counters.
    CompletableFuture<JsonNode> traffic =
        CompletableFuture.supplyAsync(
            () ->
                op.expect(
                    200,
                    "POST",
                    "/emulation/traffic",
                    "{\"from\": \"h1-seoul\", \"to\": \"10.0.5.1\", \"mbps\": 40, \"seconds\":"
                        + " 8}"));
    page.until(
        10,
        () -> {
          String bps =
              browser
                  .findElement(By.cssSelector("#slices tr[data-slice='a-video'] .delivered"))
                  .getDomAttribute("data-bps");
          // 40 Mb/s of 1000-byte payloads is 41.7 Mb/s of frames; the page's two readings are
          // 2 s apart, so one reading may have caught only part of the flow.
          return bps != null && !bps.isEmpty() && Double.parseDouble(bps) > 30e6;
        });
    String delivered =
        browser
            .findElement(By.cssSelector("#slices tr[data-slice='a-video'] .delivered"))
            .getDomAttribute("data-bps");
    // A sender that fell behind catches up in bursts, which the slice's meter lets through up to
    // its committed 100 Mb/s; never more than that.
    assertThat(Double.parseDouble(delivered)).isLessThan(110e6);
    page.shot("tenant-slices");

    // Tenant b, in a tab of its own (the token lives in the tab), sees only its own.
    browser.switchTo().newWindow(WindowType.TAB);
    page.signIn(bToken, "tenant b");
    page.until(
        5, () -> !browser.findElement(By.id("no-slices")).getDomProperty("hidden").equals("true"));
    assertThat(browser.findElement(By.id("tenant")).getText()).doesNotContain("a-video");
    assertThat(browser.findElement(By.id("endpoint-list")).getText())
        .contains("seoul:11")
        .doesNotContain("seoul:10");
    List<String> tabs = new ArrayList<>(browser.getWindowHandles());
    browser.close();
    browser.switchTo().window(tabs.get(0));
    traffic.get();

    // Modify: the form takes the slice's values; a new committed rate is saved.
    browser
        .findElement(By.cssSelector("#slices tr[data-slice='a-video'] button:not(.danger)"))
        .click();
    WebElement cir = browser.findElement(By.id("slice-cir"));
    page.until(3, () -> "100".equals(cir.getDomProperty("value")));
    assertThat(browser.findElement(By.id("slice-name")).getDomProperty("readOnly"))
        .isEqualTo("true");
    cir.clear();
    cir.sendKeys("80");
    cir.sendKeys(org.openqa.selenium.Keys.ENTER);
    page.until(
        10,
        () ->
            browser
                .findElement(By.cssSelector("#slices tr[data-slice='a-video']"))
                .getText()
                .contains("80 Mb/s"));
    assertThat(op.expect(200, "GET", "/api/v1/slices/a-video", null).get("cirBps").asLong())
        .isEqualTo(80_000_000L);

    browser.findElement(By.cssSelector("#slices tr[data-slice='a-video'] button.danger")).click();
    WebElement dialog = browser.findElement(By.id("confirm"));
    page.until(3, dialog::isDisplayed);
    assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("a-video");
    page.shot("tenant-delete-confirm");
    browser.findElement(By.id("confirm-ok")).click();
    page.until(10, () -> browser.findElements(By.cssSelector("#slices tr[data-slice]")).isEmpty());
    assertThat(op.expect(200, "GET", "/api/v1/slices", null)).isEmpty();
  }

  @Order(2)
  @Test
  void aRefusedCreationShowsTheApisReason() {
    page.signIn(aToken, "tenant a");
    createSlice("too-big", 102, "200000", List.of("seoul:10", "changwon:10"));
    WebElement error = browser.findElement(By.id("slice-error"));
    page.until(10, () -> !error.getText().isEmpty());
    assertThat(error.getText())
        .startsWith("ADMISSION_REFUSED: slice too-big: no path from")
        .contains("200000000000 b/s left");
    page.shot("tenant-refused");
    // Then a port nobody granted it: refused by the API as well, before anything is written.
    assertThat(op.expect(200, "GET", "/api/v1/slices", null)).isEmpty();
  }

  @Order(3)
  @Test
  void theOperatorSeesBothTenantsAndARerouteLiveOnTheTopology() throws Exception {
    op.expect(201, "POST", "/api/v1/slices", slice("a-1", "a", 111, 10, 100));
    op.expect(201, "POST", "/api/v1/slices", slice("b-1", "b", 112, 11, 20));
    page.signIn(op.token, "operator");
    page.waitFor(By.cssSelector("#op-slices tr[data-slice='a-1']"), 10);
    page.waitFor(By.cssSelector("#op-slices tr[data-slice='b-1']"), 10);
    page.until(10, () -> browser.findElements(By.cssSelector("#topology line.link")).size() == 10);
    new Select(browser.findElement(By.id("filter-slice"))).selectByValue("a-1");
    JsonNode before = op.expect(200, "GET", "/api/v1/slices/a-1", null);
    String first = before.at("/paths/0/0").asText(); // e.g. "seoul:2 -> busan:3"
    String pair = pair(first);
    page.until(5, () -> onPath().contains(pair));
    page.shot("operator-network");

    String port = first.split(" -> ")[0];
    String device = port.substring(0, port.lastIndexOf(':'));
    String number = port.substring(port.lastIndexOf(':') + 1);
    op.expect(200, "PUT", "/api/v1/devices/" + device + "/ports/" + number, "{\"enabled\": false}");
    long t0 = System.nanoTime();
    try {
      page.until(
          5,
          () ->
              !browser
                      .findElements(
                          By.cssSelector("#topology line.link.down[data-link='" + pair + "']"))
                      .isEmpty()
                  && !onPath().isEmpty()
                  && !onPath().contains(pair));
      page.until(
          5,
          () ->
              !browser.findElements(By.cssSelector("#events li[data-type='link-down']")).isEmpty());
      page.until(
          5,
          () ->
              !browser
                  .findElements(By.cssSelector("#events li[data-type='slice-rerouted']"))
                  .isEmpty());
      System.out.printf(
          "portal: re-route of a-1 shown %d ms after the port went down%n",
          (System.nanoTime() - t0) / 1_000_000);
      JsonNode after = op.expect(200, "GET", "/api/v1/slices/a-1", null);
      assertThat(after.get("paths").toString()).doesNotContain(first);
      page.shot("operator-reroute");

      // Filtered to tenant b: a's slice leaves the table and the slice list.
      new Select(browser.findElement(By.id("filter-tenant"))).selectByValue("b");
      assertThat(browser.findElements(By.cssSelector("#op-slices tr[data-slice='a-1']"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("#op-slices tr[data-slice='b-1']")))
          .hasSize(1);

      // The operator's slices view lists both tenants'.
      browser.findElement(By.id("show-tenant")).click();
      page.waitFor(By.cssSelector("#slices tr[data-slice='a-1']"), 5);
      page.waitFor(By.cssSelector("#slices tr[data-slice='b-1']"), 5);
      page.shot("operator-slices");
      page.viewport(390, 844);
      Thread.sleep(300);
      assertThat(
              ((Number)
                      ((JavascriptExecutor) browser)
                          .executeScript("return document.documentElement.scrollWidth"))
                  .intValue())
          .as("page width at 390 px")
          .isLessThanOrEqualTo(390);
      page.shot("phone-slices");
      browser.findElement(By.id("show-operator")).click();
      Thread.sleep(300);
      page.shot("phone-network");
    } finally {
      op.expect(
          200, "PUT", "/api/v1/devices/" + device + "/ports/" + number, "{\"enabled\": true}");
    }
  }

  // ------------------------------------------------------------------ helpers

  private void createSlice(String name, int id, String cirMbps, List<String> endpoints) {
    for (String ep : endpoints) {
      page.waitFor(By.cssSelector("#endpoint-list input[value='" + ep + "']"), 10);
    }
    browser.findElement(By.id("slice-name")).sendKeys(name);
    browser.findElement(By.id("slice-id")).sendKeys(Integer.toString(id));
    browser.findElement(By.id("slice-cir")).sendKeys(cirMbps);
    for (String ep : endpoints) {
      WebElement box =
          browser.findElement(By.cssSelector("#endpoint-list input[value='" + ep + "']"));
      if (!box.isSelected()) {
        box.sendKeys(" "); // the keyboard, as a user without a mouse would
      }
    }
    browser.findElement(By.id("slice-submit")).click();
  }

  private List<String> onPath() {
    return browser.findElements(By.cssSelector("#topology line.link.on-path")).stream()
        .map(e -> e.getDomAttribute("data-link"))
        .toList();
  }

  private static String pair(String link) {
    String[] ends = link.split(" -> ");
    return ends[0].compareTo(ends[1]) < 0 ? ends[0] + "|" + ends[1] : ends[1] + "|" + ends[0];
  }

  private static String row(WebElement row, String css) {
    return row.findElement(By.cssSelector(css)).getText();
  }

  private static String slice(String name, String tenant, int id, int port, int mbps) {
    return """
        {"name": "%s", "tenant": "%s", "sliceId": %d, "cirBps": %d,
         "endpoints": [{"device": "seoul", "port": %d}, {"device": "changwon", "port": %d}]}"""
        .formatted(name, tenant, id, mbps * 1_000_000L, port, port);
  }
}
