package net.vdn.openflow.slice.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** One entry to add, change or delete on a switch; {@code before} or {@code after} is null. */
public record Change(Kind kind, OfEntry before, OfEntry after) {
  public enum Kind {
    ADD,
    MODIFY,
    DELETE
  }

  public OfEntry entry() {
    return after != null ? after : before;
  }

  public OFMessage message(OFFactory f) {
    return switch (kind) {
      case ADD -> after.add(f);
      case MODIFY -> after.modify(f, before);
      case DELETE -> before.delete(f);
    };
  }

  /** The change that takes this one back. */
  public Change inverse() {
    return switch (kind) {
      case ADD -> new Change(Kind.DELETE, after, null);
      case MODIFY -> new Change(Kind.MODIFY, after, before);
      case DELETE -> new Change(Kind.ADD, null, before);
    };
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + entry().key();
  }

  /**
   * What turns a switch holding {@code from} into one holding {@code to}, in the order a switch
   * accepts it: groups and meters that flows will use first, then flows (deletions before
   * additions), then groups and meters no flow uses any more.
   */
  public static List<List<Change>> between(Map<String, OfEntry> from, Map<String, OfEntry> to) {
    List<Change> before = new ArrayList<>();
    List<Change> flowDeletes = new ArrayList<>();
    List<Change> flows = new ArrayList<>();
    List<Change> after = new ArrayList<>();
    for (var e : to.entrySet()) {
      OfEntry current = from.get(e.getKey());
      Change c;
      if (current == null) {
        c = new Change(Kind.ADD, null, e.getValue());
      } else if (!current.sameAs(e.getValue())) {
        c = new Change(Kind.MODIFY, current, e.getValue());
      } else {
        continue;
      }
      (e.getValue() instanceof FlowEntry ? flows : before).add(c);
    }
    for (var e : from.entrySet()) {
      if (!to.containsKey(e.getKey())) {
        Change c = new Change(Kind.DELETE, e.getValue(), null);
        (e.getValue() instanceof FlowEntry ? flowDeletes : after).add(c);
      }
    }
    flowDeletes.addAll(flows);
    return List.of(before, flowDeletes, after);
  }
}
