package net.vdn.openflow.slice.internal;

import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * One thing a switch holds: a flow, a group or a meter. {@link #key()} is its identity on the
 * switch (a flow's table, priority and match; a group's or meter's id); {@link #sameAs} compares
 * what it does.
 */
public sealed interface OfEntry permits FlowEntry, GroupEntry, MeterEntry {
  String key();

  /** True when both entries have the same identity and do the same. */
  boolean sameAs(OfEntry other);

  OFMessage add(OFFactory f);

  /** Changes {@code current} (same key) into this entry. */
  OFMessage modify(OFFactory f, OfEntry current);

  OFMessage delete(OFFactory f);
}
