package net.vdn.optical.netconf.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  static List<String> feed(FrameReader r, String s) throws NetconfFramingException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return r.feed(b, 0, b.length);
  }

  static FrameReader chunked() {
    FrameReader r = new FrameReader(1 << 20);
    r.useChunked();
    return r;
  }

  @Test
  void endOfMessageSplitsOnTheMarkerEvenAcrossReads() throws Exception {
    FrameReader r = new FrameReader(1 << 20);
    r.useEndOfMessage();
    assertThat(feed(r, "<a/>]]>")).isEmpty();
    assertThat(feed(r, "]]><b/>]]>]]><c")).containsExactly("<a/>", "<b/>");
    assertThat(feed(r, "/>]]>]]>")).containsExactly("<c/>");
  }

  @Test
  void beforeTheFramingIsSettledOnlyTheHelloIsReturned() throws Exception {
    FrameReader r = new FrameReader(1 << 20);
    String hello = "<hello/>]]>]]>";
    String chunk = "\n#5\n<ok/>\n##\n";
    assertThat(feed(r, hello + chunk)).containsExactly("<hello/>");
    r.useChunked();
    assertThat(r.drain()).containsExactly("<ok/>");
  }

  @Test
  void chunksAreJoinedIntoOneMessageAcrossArbitrarySplits() throws Exception {
    String wire = "\n#4\n<rpc\n#21\n-reply>é</rpc-reply>\n##\n\n#3\n<x/\n#1\n>\n##\n";
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    for (int step = 1; step <= bytes.length; step++) {
      FrameReader r = chunked();
      List<String> out = new ArrayList<>();
      for (int off = 0; off < bytes.length; off += step) {
        out.addAll(r.feed(bytes, off, Math.min(step, bytes.length - off)));
      }
      assertThat(out)
          .as("split every %d bytes", step)
          .containsExactly("<rpc-reply>é</rpc-reply>", "<x/>");
    }
  }

  @Test
  void framedOutputReadsBackIdentically() throws Exception {
    String big = "<data>" + "x".repeat(200_000) + "</data>";
    FrameReader r = chunked();
    byte[] framed = FrameReader.frame(big, true);
    assertThat(r.feed(framed, 0, framed.length)).containsExactly(big);
    FrameReader eom = new FrameReader(1 << 20);
    eom.useEndOfMessage();
    byte[] f2 = FrameReader.frame("<a/>", false);
    assertThat(eom.feed(f2, 0, f2.length)).containsExactly("<a/>");
  }

  @Test
  void malformedChunkHeadersAreFramingErrors() {
    for (String bad :
        List.of(
            "#4\n<ok/>", // no leading LF
            "\n#0\n", // zero size
            "\n#04\nabcd", // leading zero
            "\n#x\n", // not a number
            "\n#4 \nabcd", // junk after the size
            "\n#4294967296\n", // above the maximum
            "\n##x", // bad end marker
            "<ok/>]]>]]>")) { // end-of-message framing after chunked was agreed
      FrameReader r = chunked();
      assertThatThrownBy(() -> feed(r, bad))
          .as("%s", bad.replace("\n", "\\n"))
          .isInstanceOf(NetconfFramingException.class);
      // A failed reader stays failed: the stream cannot be resynchronized.
      assertThatThrownBy(() -> feed(r, "\n#1\na\n##\n"))
          .isInstanceOf(NetconfFramingException.class);
    }
  }

  @Test
  void oversizedMessagesAreRefusedInBothFramings() {
    FrameReader eom = new FrameReader(64);
    eom.useEndOfMessage();
    assertThatThrownBy(() -> feed(eom, "y".repeat(65))).isInstanceOf(NetconfFramingException.class);
    FrameReader ch = new FrameReader(64);
    ch.useChunked();
    assertThatThrownBy(() -> feed(ch, "\n#65\n")).isInstanceOf(NetconfFramingException.class);
  }
}
