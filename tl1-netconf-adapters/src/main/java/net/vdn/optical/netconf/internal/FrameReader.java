package net.vdn.optical.netconf.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the bytes a NETCONF peer sends into messages: end-of-message framing ({@code ]]>]]>},
 * base:1.0) until {@link #useChunked()} is called, chunked framing (base:1.1, RFC 6242 section 4.2)
 * after. Until the framing is settled by {@link #useChunked()} or {@link #useEndOfMessage()} it
 * returns at most one message (the hello) per call, so bytes after the hello are read with the
 * framing chosen from it ({@link #drain()} reads them). Not thread-safe: one reader per session,
 * fed from one thread.
 */
public final class FrameReader {
  private static final byte[] EOM = "]]>]]>".getBytes(StandardCharsets.US_ASCII);
  private static final long MAX_CHUNK = 4_294_967_295L;

  private final int maxMessageBytes;
  private byte[] buf = new byte[8192];
  private int len;
  private boolean chunked;
  private boolean failed;
  private boolean settled;
  // Chunked mode: the message assembled so far from its chunks.
  private byte[] message = new byte[0];
  private int messageLen;

  public FrameReader(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Switches to chunked framing; bytes already received are read as chunked. */
  public void useChunked() {
    chunked = true;
    settled = true;
  }

  /** Keeps end-of-message framing for the whole session. */
  public void useEndOfMessage() {
    settled = true;
  }

  public boolean chunked() {
    return chunked;
  }

  /**
   * Adds received bytes and returns every message they complete. A framing error is final: the
   * reader refuses more input after it, as the stream can no longer be split.
   */
  public List<String> feed(byte[] data, int off, int n) throws NetconfFramingException {
    if (failed) {
      throw new NetconfFramingException("the stream already failed framing");
    }
    ensure(len + n);
    System.arraycopy(data, off, buf, len, n);
    len += n;
    return drain();
  }

  /** Returns the messages complete in what was received so far. */
  public List<String> drain() throws NetconfFramingException {
    if (failed) {
      throw new NetconfFramingException("the stream already failed framing");
    }
    List<String> out = new ArrayList<>();
    try {
      if (chunked) {
        readChunks(out);
      } else {
        readEom(out);
      }
    } catch (NetconfFramingException e) {
      failed = true;
      throw e;
    }
    return out;
  }

  private void readEom(List<String> out) throws NetconfFramingException {
    int start = 0;
    while (true) {
      int at = indexOf(buf, start, len, EOM);
      if (at < 0) {
        break;
      }
      out.add(new String(buf, start, at - start, StandardCharsets.UTF_8));
      start = at + EOM.length;
      if (!settled) {
        break;
      }
    }
    consume(start);
    if (len > maxMessageBytes) {
      throw new NetconfFramingException(
          "no end-of-message marker within " + maxMessageBytes + " bytes");
    }
  }

  private void readChunks(List<String> out) throws NetconfFramingException {
    int p = 0;
    while (true) {
      // Every chunk header and the end-of-chunks marker start with LF '#'.
      if (len - p < 3) {
        break;
      }
      if (buf[p] != '\n' || buf[p + 1] != '#') {
        throw new NetconfFramingException("expected a chunk header at " + describe(p));
      }
      if (buf[p + 2] == '#') {
        if (len - p < 4) {
          break;
        }
        if (buf[p + 3] != '\n') {
          throw new NetconfFramingException("bad end-of-chunks marker at " + describe(p));
        }
        out.add(new String(message, 0, messageLen, StandardCharsets.UTF_8));
        messageLen = 0;
        p += 4;
        continue;
      }
      int q = p + 2;
      long size = 0;
      while (q < len && buf[q] >= '0' && buf[q] <= '9') {
        if (q == p + 2 && buf[q] == '0') {
          throw new NetconfFramingException("chunk size starts with 0 at " + describe(p));
        }
        size = size * 10 + (buf[q] - '0');
        if (size > MAX_CHUNK) {
          throw new NetconfFramingException("chunk size above 4294967295 at " + describe(p));
        }
        q++;
      }
      if (q == len) {
        if (q - (p + 2) > 10) {
          throw new NetconfFramingException("chunk size too long at " + describe(p));
        }
        break;
      }
      if (q == p + 2 || buf[q] != '\n') {
        throw new NetconfFramingException("bad chunk size at " + describe(p));
      }
      if (messageLen + size > maxMessageBytes) {
        throw new NetconfFramingException("message larger than " + maxMessageBytes + " bytes");
      }
      int dataStart = q + 1;
      if (len - dataStart < size) {
        break;
      }
      if (message.length < messageLen + size) {
        message = Arrays.copyOf(message, (int) Math.max(message.length * 2L, messageLen + size));
      }
      System.arraycopy(buf, dataStart, message, messageLen, (int) size);
      messageLen += (int) size;
      p = dataStart + (int) size;
    }
    consume(p);
  }

  private String describe(int p) {
    int end = Math.min(len, p + 16);
    return "'"
        + new String(buf, p, end - p, StandardCharsets.ISO_8859_1)
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        + "'";
  }

  private void consume(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }

  private void ensure(int capacity) {
    if (buf.length < capacity) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, capacity));
    }
  }

  private static int indexOf(byte[] hay, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A message framed for the peer: end-of-message or one chunk per up to 64 KiB. */
  public static byte[] frame(String message, boolean chunked) {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    if (!chunked) {
      byte[] out = Arrays.copyOf(body, body.length + EOM.length);
      System.arraycopy(EOM, 0, out, body.length, EOM.length);
      return out;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length + 32);
    int chunk = 65536;
    for (int off = 0; off < body.length; off += chunk) {
      int n = Math.min(chunk, body.length - off);
      out.writeBytes(("\n#" + n + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, off, n);
    }
    out.writeBytes("\n##\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
