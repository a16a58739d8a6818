package net.vdn.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a browser as the tests drive it: signing in, waiting for what the page shows,
 * screenshots (to {@code target/portal-screenshots}) and the page's script errors.
 */
final class Page {
  static final Path SHOTS = Path.of("target", "portal-screenshots");

  final WebDriver browser;
  final String base;

  Page(WebDriver browser, String base) throws IOException {
    this.browser = browser;
    this.base = base;
    Files.createDirectories(SHOTS);
  }

  /** Opens the portal and signs in with a token, waiting until it names who signed in. */
  void signIn(String token, String expectWho) {
    browser.get(base + "/");
    WebElement field = waitFor(By.id("token"), 10);
    field.sendKeys(token);
    browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    until(10, () -> browser.findElement(By.id("who")).getText().contains(expectWho));
  }

  WebElement waitFor(By by, int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds))
        .until(d -> d.findElements(by).isEmpty() ? null : d.findElement(by));
  }

  void until(int seconds, BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(seconds))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  /** Sizes the window so that the page itself gets this width and height. */
  void viewport(int width, int height) {
    browser.manage().window().setSize(new Dimension(width, height));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    int w = ((Number) js.executeScript("return window.innerWidth")).intValue();
    int h = ((Number) js.executeScript("return window.innerHeight")).intValue();
    browser.manage().window().setSize(new Dimension(2 * width - w, 2 * height - h));
  }

  void shot(String name) {
    try {
      Files.write(
          SHOTS.resolve(name + ".png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The errors the page's scripts reported to the console since the last call (uncaught exceptions,
   * console.error), leaving out the browser's own line for each HTTP answer that was not 2xx: the
   * API's refusals are the page's to show, not errors of its code.
   */
  List<String> scriptErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .toList();
  }
}
