package net.vdn.p4runtime.entity;

import java.util.List;

/** A group of an action selector; {@code maxSize} 0 leaves the limit to the target. */
public record ActionProfileGroup(String profile, int groupId, List<Member> members, int maxSize)
    implements Entity {
  public ActionProfileGroup {
    members = List.copyOf(members);
  }

  public record Member(int memberId, int weight) {}
}
