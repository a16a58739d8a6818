package net.vdn.controller.slice;

import java.util.List;
import net.vdn.controller.path.Path;

/**
 * A slice in force: what was asked for, the paths its rate is reserved on, the devices it is
 * programmed on, and its status (with the reason when degraded).
 */
public record Slice(
    SliceSpec spec, List<Path> paths, List<String> devices, SliceStatus status, String reason) {
  public Slice {
    paths = List.copyOf(paths);
    devices = List.copyOf(devices);
  }

  public String name() {
    return spec.name();
  }
}
