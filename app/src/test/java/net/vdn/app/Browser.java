package net.vdn.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium, headless, driven through the system's chromedriver (Debian's {@code
 * chromium} and {@code chromium-driver}): Selenium is told both paths, so it never fetches a
 * browser or a driver of its own.
 */
final class Browser {
  private Browser() {}

  static Optional<Path> find(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String name : names) {
      for (String dir : (path + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (!dir.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** What is missing to run a browser test, or empty when both programs are there. */
  static Optional<String> missing() {
    if (find("chromium", "chromium-browser").isEmpty()) {
      return Optional.of("chromium is not on PATH (Debian: apt-get install chromium)");
    }
    if (find("chromedriver").isEmpty()) {
      return Optional.of("chromedriver is not on PATH (Debian: apt-get install chromium-driver)");
    }
    return Optional.empty();
  }

  static WebDriver start() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(find("chromedriver").orElseThrow().toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(find("chromium", "chromium-browser").orElseThrow().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--lang=en-GB");
    // The console's lines, read back by Page.scriptErrors().
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }
}
