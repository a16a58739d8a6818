package net.vdn.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's OpenAPI document passes Redocly CLI's recommended rules with no error (security
 * schemes, servers, operation ids, error answers). Needs npx and the npm registry.
 */
@RequiresBinary(value = "npx", howToGet = "install npm (Debian package npm)")
class OpenApiLintTest {
  static final String REDOCLY = "@redocly/cli@2.77.0";

  @Test
  void theOpenApiDocumentHasNoLintErrors(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("openapi.json");
    try (InputStream in = getClass().getResourceAsStream("/net/vdn/controller/rest/openapi.json")) {
      Files.write(doc, in.readAllBytes());
    }
    Path log = dir.resolve("lint.txt");
    Process p =
        new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--format", "stylish", doc.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(p.waitFor(8, TimeUnit.MINUTES)).as("redocly finished").isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContainPattern("\\berror\\b");
  }
}
