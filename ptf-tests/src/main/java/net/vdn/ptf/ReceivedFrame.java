package net.vdn.ptf;

import java.util.HexFormat;

/** A frame a target transmitted on a data port. */
public record ReceivedFrame(int port, byte[] bytes) {
  public ReceivedFrame {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "port " + port + ": " + HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
