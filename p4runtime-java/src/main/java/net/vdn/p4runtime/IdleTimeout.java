package net.vdn.p4runtime;

import java.util.List;
import net.vdn.p4runtime.entity.TableEntry;

/** Table entries the target reports as idle past their timeout. */
public record IdleTimeout(List<TableEntry> entries, long timestampNs) {
  public IdleTimeout {
    entries = List.copyOf(entries);
  }
}
