package net.vdn.pipeconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import net.vdn.p4runtime.PipelineConfig;
import net.vdn.p4runtime.info.P4InfoIndex;

/** The compiled slicing pipeline (BMv2 JSON and P4Info), packaged from p4src/build. */
public final class SlicingPipeline {
  private static final P4InfoIndex P4INFO =
      P4InfoIndex.fromText(new String(resource("slicing.p4info.txtpb"), StandardCharsets.UTF_8));
  private static final PipelineConfig CONFIG =
      PipelineConfig.of(P4INFO.p4info(), resource("slicing.json"));

  private SlicingPipeline() {}

  /** The pipeline to push (cookie derived from its contents). */
  public static PipelineConfig config() {
    return CONFIG;
  }

  public static P4InfoIndex p4info() {
    return P4INFO;
  }

  private static byte[] resource(String name) {
    try (InputStream in = SlicingPipeline.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the compiled pipeline " + name + " is not packaged");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
