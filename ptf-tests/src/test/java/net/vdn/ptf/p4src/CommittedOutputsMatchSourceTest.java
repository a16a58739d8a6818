package net.vdn.ptf.p4src;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.vdn.testsupport.Programs;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recompiles p4src/slicing.p4 with the command in p4src/README.md and compares with the committed
 * build/ outputs: the BMv2 JSON as parsed JSON, the P4Info text byte for byte.
 */
@RequiresBinary(
    value = "p4c-bm2-ss",
    howToGet = "install p4c (p4lang packages or the p4lang/p4c image); the outputs are committed")
class CommittedOutputsMatchSourceTest {
  @Test
  void recompilingSlicingP4GivesTheCommittedOutputs(@TempDir Path out) throws Exception {
    Path p4src = Path.of(System.getProperty("vdn.p4src", "../p4src")).toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of("p4c-bm2-ss"));
    includeDir().ifPresent(dir -> command.addAll(List.of("-I", dir.toString())));
    command.addAll(
        List.of(
            "--arch",
            "v1model",
            "-o",
            out.resolve("slicing.json").toString(),
            "--p4runtime-files",
            out.resolve("slicing.p4info.txtpb").toString(),
            "slicing.p4"));
    Process p4c =
        new ProcessBuilder(command).directory(p4src.toFile()).redirectErrorStream(true).start();
    String log = new String(p4c.getInputStream().readAllBytes());
    assertThat(p4c.waitFor(120, TimeUnit.SECONDS)).as("p4c finished").isTrue();
    assertThat(p4c.exitValue()).as("p4c exit status; output:%n%s", log).isZero();

    assertThat(Files.readString(out.resolve("slicing.p4info.txtpb")))
        .as("build/slicing.p4info.txtpb is what p4c makes of slicing.p4")
        .isEqualTo(Files.readString(p4src.resolve("build/slicing.p4info.txtpb")));
    assertThat(json(out.resolve("slicing.json")))
        .as("build/slicing.json is what p4c makes of slicing.p4")
        .isEqualTo(json(p4src.resolve("build/slicing.json")));
  }

  /**
   * p4c's own include files ({@code core.p4}, {@code v1model.p4}) beside a relocated install: the
   * {@code p4c} driver finds them relative to itself, {@code p4c-bm2-ss} alone only where it was
   * configured to look. Empty when p4c-bm2-ss is not under such a tree (a system install).
   */
  private static Optional<Path> includeDir() throws IOException {
    Optional<Path> bin = Programs.find("p4c-bm2-ss");
    if (bin.isEmpty()) {
      return Optional.empty();
    }
    Path include = bin.get().toRealPath().getParent().resolveSibling("share/p4c/p4include");
    return Files.isDirectory(include) ? Optional.of(include) : Optional.empty();
  }

  private static JsonElement json(Path file) throws Exception {
    return JsonParser.parseString(Files.readString(file));
  }
}
