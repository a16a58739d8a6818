package net.vdn.softswitch.parse;

import java.util.List;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.HeaderInfo;
import net.vdn.softswitch.runtime.Bits;
import net.vdn.softswitch.runtime.Phv;

/** Emits the valid headers in the deparser's order, followed by the unparsed payload. */
public final class Deparser {
  private final String name;
  private final HeaderInfo[] order;

  public Deparser(String name, List<HeaderInfo> order) {
    this.name = name;
    this.order = order.toArray(new HeaderInfo[0]);
  }

  public String name() {
    return name;
  }

  public List<HeaderInfo> order() {
    return List.of(order);
  }

  /**
   * The outgoing packet: headers, then the payload, cut to {@code truncate} bytes when positive.
   */
  public byte[] deparse(Phv p, int truncate) {
    int bits = 0;
    for (HeaderInfo h : order) {
      if (p.valid[h.index()]) {
        bits += h.bits();
      }
    }
    int headerBytes = (bits + 7) >>> 3;
    int payload = Math.max(0, p.length - p.cursor);
    int total = headerBytes + payload;
    if (truncate > 0 && truncate < total) {
      total = truncate;
    }
    byte[] out = new byte[total];
    byte[] buf = headerBytes <= total ? out : new byte[headerBytes];
    int bit = 0;
    for (HeaderInfo h : order) {
      if (p.valid[h.index()]) {
        for (FieldInfo f : h.fieldArray()) {
          if (f.wide()) {
            Bits.setWords(buf, bit + f.bitOffset(), f.width(), p.f, f.slot());
          } else {
            Bits.set(buf, bit + f.bitOffset(), f.width(), p.f[f.slot()]);
          }
        }
        bit += h.bits();
      }
    }
    if (buf != out) {
      System.arraycopy(buf, 0, out, 0, total);
    } else {
      System.arraycopy(p.packet, p.cursor, out, headerBytes, total - headerBytes);
    }
    return out;
  }
}
