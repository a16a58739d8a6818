package net.vdn.controller.topology;

import net.vdn.controller.device.ConnectPoint;

/**
 * One direction of a link, from {@code src} to {@code dst}, with its capacity in bits per second. A
 * physical link is two of these; capacity is reserved per direction.
 */
public record Link(ConnectPoint src, ConnectPoint dst, long capacityBps) {
  public Link {
    if (src.device().equals(dst.device())) {
      throw new IllegalArgumentException("a link joins two devices, got " + src + " -> " + dst);
    }
    if (capacityBps <= 0) {
      throw new IllegalArgumentException(
          "link " + src + " -> " + dst + ": capacity must be positive");
    }
  }

  public Link reverse() {
    return new Link(dst, src, capacityBps);
  }

  @Override
  public String toString() {
    return src + " -> " + dst;
  }
}
