package net.vdn.controller.path;

import java.util.List;
import net.vdn.controller.topology.Link;

/** A path of link directions from one device to another (empty when both are the same device). */
public record Path(List<Link> links) {
  public Path {
    links = List.copyOf(links);
    for (int i = 1; i < links.size(); i++) {
      if (!links.get(i - 1).dst().device().equals(links.get(i).src().device())) {
        throw new IllegalArgumentException(
            "links do not chain: " + links.get(i - 1) + " then " + links.get(i));
      }
    }
  }

  public int hops() {
    return links.size();
  }
}
