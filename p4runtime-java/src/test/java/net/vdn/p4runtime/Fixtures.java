package net.vdn.p4runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import net.vdn.p4runtime.info.P4InfoIndex;

/** Test fixtures on the class path. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hand-written P4Info used by unit tests. */
  public static P4InfoIndex unitP4Info() {
    return P4InfoIndex.fromText(new String(bytes("unit.p4info.txtpb"), StandardCharsets.UTF_8));
  }
}
