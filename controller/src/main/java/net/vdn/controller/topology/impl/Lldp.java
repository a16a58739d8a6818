package net.vdn.controller.topology.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.vdn.controller.device.ConnectPoint;

/**
 * LLDP frames that name a device and a port: chassis id and port id are locally assigned text
 * (subtype 7), so a probe read back tells exactly which port of which device sent it.
 */
public final class Lldp {
  static final int ETHER_TYPE = 0x88cc;
  private static final byte[] NEAREST_BRIDGE = {0x01, (byte) 0x80, (byte) 0xc2, 0x00, 0x00, 0x0e};

  private Lldp() {}

  /** A probe from a device's port. */
  public static byte[] probe(ConnectPoint from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(NEAREST_BRIDGE);
    out.writeBytes(sourceMac(from));
    out.write(ETHER_TYPE >>> 8);
    out.write(ETHER_TYPE & 0xff);
    tlv(out, 1, 7, from.device().getBytes(StandardCharsets.UTF_8));
    tlv(out, 2, 7, String.valueOf(from.port()).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(new byte[] {0x06, 0x02, 0x00, 0x78}); // TTL 120 s
    out.writeBytes(new byte[] {0x00, 0x00}); // end
    while (out.size() < 60) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static void tlv(ByteArrayOutputStream out, int type, int subtype, byte[] value) {
    int length = value.length + 1;
    out.write((type << 1) | (length >>> 8));
    out.write(length & 0xff);
    out.write(subtype);
    out.writeBytes(value);
  }

  /** A locally administered MAC derived from the port, so probes are told apart. */
  private static byte[] sourceMac(ConnectPoint from) {
    int h = from.hashCode();
    return new byte[] {
      0x02, 0x56, (byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h
    };
  }

  /** The port that sent a probe, or empty when the frame is not one of ours. */
  public static Optional<ConnectPoint> parse(byte[] frame) {
    if (frame.length < 14 || ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) != ETHER_TYPE) {
      return Optional.empty();
    }
    String chassis = null;
    String port = null;
    int at = 14;
    while (at + 2 <= frame.length) {
      int type = (frame[at] & 0xff) >>> 1;
      int length = ((frame[at] & 0x01) << 8) | (frame[at + 1] & 0xff);
      if (type == 0 || at + 2 + length > frame.length) {
        break;
      }
      if ((type == 1 || type == 2) && length > 1 && frame[at + 2] == 7) {
        String value = new String(frame, at + 3, length - 1, StandardCharsets.UTF_8);
        if (type == 1) {
          chassis = value;
        } else {
          port = value;
        }
      }
      at += 2 + length;
    }
    if (chassis == null || port == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ConnectPoint(chassis, Integer.parseInt(port)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
