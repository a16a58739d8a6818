package net.vdn.controller.portal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The portal's files (HTML, CSS and JavaScript modules, no build step), served from the classpath
 * at {@code /} on the API's port. Everything the pages show they read from the REST API with the
 * caller's own credentials, so the portal and {@code vdnctl} always agree.
 */
public final class Portal {
  /** Where the files are on the classpath. */
  public static final String DIRECTORY = "/net/vdn/controller/portal/web";

  private Portal() {}

  /** Serves the portal at {@code /}: same-origin scripts only, nothing framed, nothing cached. */
  public static void serve(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = DIRECTORY;
          files.location = Location.CLASSPATH;
          files.headers =
              Map.of(
                  "Content-Security-Policy",
                  "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
                  "X-Content-Type-Options",
                  "nosniff",
                  "Referrer-Policy",
                  "no-referrer",
                  "Cache-Control",
                  "no-cache");
        });
  }
}
