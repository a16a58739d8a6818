package net.vdn.ptf.bmv2;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * The BMv2 image the container suites run: a setting, the system property {@value #PROPERTY}, else
 * the environment variable {@value #ENVIRONMENT}, else {@value #LOCAL} (the image {@code
 * .ci/bmv2-image} builds from Debian 12 and the prebuilt BMv2). Any image whose {@code
 * simple_switch_grpc} is on PATH and built with P4Runtime serves, such as {@code
 * p4lang/behavioral-model:latest}.
 *
 * <p>The default is a local tag and is never pulled; an image named in the setting is pulled once
 * when it is not present locally. The containers themselves never pull: {@link #unavailable()}
 * decides before any starts.
 *
 * @param name the image reference
 * @param source where the name came from, as a user would set it
 */
public record Bmv2Image(String name, String source) {
  public static final String PROPERTY = "vdn.bmv2.image";
  public static final String ENVIRONMENT = "VDN_BMV2_IMAGE";
  public static final String LOCAL = "vdn/bmv2:local";
  private static final long PULL_MINUTES = 15;
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static Optional<String> unavailable;

  /** The image the setting names. */
  public static Bmv2Image configured() {
    String property = System.getProperty(PROPERTY, "").strip();
    if (!property.isEmpty()) {
      return new Bmv2Image(property, "system property " + PROPERTY);
    }
    String environment = System.getenv().getOrDefault(ENVIRONMENT, "").strip();
    if (!environment.isEmpty()) {
      return new Bmv2Image(environment, "environment variable " + ENVIRONMENT);
    }
    return new Bmv2Image(LOCAL, "the default");
  }

  /** The name as Testcontainers takes it. */
  public DockerImageName dockerName() {
    return DockerImageName.parse(name);
  }

  /**
   * Why the configured image cannot run here (no Docker engine; or the image is not present locally
   * and is the default, which no registry has, or could not be pulled), or empty when it can.
   * Decided once per test JVM.
   */
  public static synchronized Optional<String> unavailable() {
    if (unavailable == null) {
      unavailable = configured().check();
    }
    return unavailable;
  }

  /** The daemon's own words from an error (its JSON body's message, when it sent one). */
  private static String daemonMessage(DockerException e) {
    Matcher m = JSON_MESSAGE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? m.group(1).replace("\\\"", "\"") : String.valueOf(e.getMessage()).strip();
  }

  private Optional<String> check() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.of(
          "no Docker engine: Testcontainers found none (start one, or point DOCKER_HOST at one;"
              + " .ci/run starts one)");
    }
    DockerClient docker = DockerClientFactory.instance().client();
    try {
      docker.inspectImageCmd(name).exec();
      return Optional.empty();
    } catch (NotFoundException absent) {
      // pulled below when the setting names it
    }
    if (name.equals(LOCAL)) {
      return Optional.of(
          "the BMv2 image "
              + LOCAL
              + " is not present locally and is never pulled: build it with .ci/bmv2-image"
              + " (.ci/run does), or name another with -D"
              + PROPERTY
              + "=... or "
              + ENVIRONMENT
              + " (e.g. p4lang/behavioral-model:latest)");
    }
    DockerImageName image = dockerName();
    try {
      boolean done =
          docker
              .pullImageCmd(image.getUnversionedPart())
              .withTag(image.getVersionPart())
              .exec(new PullImageResultCallback())
              .awaitCompletion(PULL_MINUTES, TimeUnit.MINUTES);
      if (!done) {
        return Optional.of(
            "the BMv2 image "
                + name
                + " ("
                + source
                + ") is not present locally and its pull did not end in "
                + PULL_MINUTES
                + " minutes");
      }
      docker.inspectImageCmd(name).exec();
      return Optional.empty();
    } catch (DockerException e) {
      return Optional.of(
          "the BMv2 image "
              + name
              + " ("
              + source
              + ") is not present locally and could not be pulled: "
              + daemonMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while pulling the BMv2 image " + name);
    }
  }
}
