package net.vdn.openflow.slice.internal;

import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupDescStatsEntry;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.types.OFGroup;

/** A group: its id identifies it; type and buckets are what it does. */
public record GroupEntry(long group, OFGroupType type, List<OFBucket> buckets) implements OfEntry {
  public GroupEntry {
    buckets = List.copyOf(buckets);
  }

  public static GroupEntry of(OFGroupDescStatsEntry e) {
    return new GroupEntry(
        e.getGroup().getGroupNumber() & 0xffff_ffffL, e.getGroupType(), e.getBuckets());
  }

  @Override
  public String key() {
    return "group " + group;
  }

  @Override
  public boolean sameAs(OfEntry other) {
    return other instanceof GroupEntry g
        && g.group == group
        && g.type == type
        && g.buckets.equals(buckets);
  }

  @Override
  public OFMessage add(OFFactory f) {
    return f.buildGroupAdd()
        .setGroup(OFGroup.of((int) group))
        .setGroupType(type)
        .setBuckets(buckets)
        .build();
  }

  @Override
  public OFMessage modify(OFFactory f, OfEntry current) {
    return f.buildGroupModify()
        .setGroup(OFGroup.of((int) group))
        .setGroupType(type)
        .setBuckets(buckets)
        .build();
  }

  @Override
  public OFMessage delete(OFFactory f) {
    return f.buildGroupDelete().setGroup(OFGroup.of((int) group)).setGroupType(type).build();
  }
}
