package net.vdn.softswitch.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table entry as the control plane sees it: one {@link KeyMatch} per key field (null = don't
 * care), a priority (higher wins, as in P4Runtime; ignored by exact and LPM tables) and an action.
 */
public record TableEntry(List<KeyMatch> match, int priority, EntryAction action) {
  public TableEntry {
    match = Collections.unmodifiableList(new ArrayList<>(match));
  }
}
