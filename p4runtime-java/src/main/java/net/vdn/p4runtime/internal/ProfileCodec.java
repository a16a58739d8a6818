package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.entity.ActionProfileGroup;
import net.vdn.p4runtime.entity.ActionProfileMember;
import net.vdn.p4runtime.info.ActionInfo;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.config.v1.ActionProfile;

/** Action profile members and selector groups, checked against their profile in P4Info. */
final class ProfileCodec {
  private final P4InfoIndex index;
  private final ActionCodec actions;

  ProfileCodec(P4InfoIndex index, ActionCodec actions) {
    this.index = index;
    this.actions = actions;
  }

  net.vdn.p4runtime.proto.v1.ActionProfileMember member(
      ActionProfileMember m, EntityCodec.Purpose purpose) {
    ActionProfile p = index.actionProfile(m.profile());
    var out =
        net.vdn.p4runtime.proto.v1.ActionProfileMember.newBuilder()
            .setActionProfileId(p.getPreamble().getId())
            .setMemberId(m.memberId());
    if (purpose == EntityCodec.Purpose.WRITE) {
      if (m.action() == null) {
        throw Wire.invalid(
            "member " + m.memberId() + " of '" + p.getPreamble().getName() + "' has no action");
      }
      ActionInfo a = index.action(m.action().action());
      boolean allowed =
          p.getTableIdsList().stream()
              .anyMatch(tid -> index.table(tid).actionRefs().containsKey(a.id()));
      if (!allowed) {
        throw Wire.invalid(
            "action '"
                + a.name()
                + "' is not an action of any table of profile '"
                + p.getPreamble().getName()
                + "'");
      }
      out.setAction(actions.action(a, m.action()));
    }
    return out.build();
  }

  net.vdn.p4runtime.proto.v1.ActionProfileGroup group(
      ActionProfileGroup g, EntityCodec.Purpose purpose) {
    ActionProfile p = index.actionProfile(g.profile());
    String where = "group " + g.groupId() + " of '" + p.getPreamble().getName() + "'";
    if (!p.getWithSelector()) {
      throw Wire.invalid(
          "action profile '" + p.getPreamble().getName() + "' has no selector, so no groups");
    }
    var out =
        net.vdn.p4runtime.proto.v1.ActionProfileGroup.newBuilder()
            .setActionProfileId(p.getPreamble().getId())
            .setGroupId(g.groupId());
    if (purpose == EntityCodec.Purpose.WRITE) {
      if (g.maxSize() < 0 || (p.getMaxGroupSize() > 0 && g.maxSize() > p.getMaxGroupSize())) {
        throw Wire.invalid(
            where + ": max size " + g.maxSize() + " is outside 0.." + p.getMaxGroupSize());
      }
      for (ActionProfileGroup.Member m : g.members()) {
        if (m.weight() <= 0) {
          throw Wire.invalid(
              where + ": member " + m.memberId() + " needs a positive weight, got " + m.weight());
        }
        out.addMembers(
            net.vdn.p4runtime.proto.v1.ActionProfileGroup.Member.newBuilder()
                .setMemberId(m.memberId())
                .setWeight(m.weight()));
      }
      out.setMaxSize(g.maxSize());
    }
    return out.build();
  }

  ActionProfileMember decodeMember(net.vdn.p4runtime.proto.v1.ActionProfileMember m) {
    return new ActionProfileMember(
        index.actionProfile(m.getActionProfileId()).getPreamble().getName(),
        m.getMemberId(),
        m.hasAction() ? actions.decodeAction(m.getAction()) : null);
  }

  ActionProfileGroup decodeGroup(net.vdn.p4runtime.proto.v1.ActionProfileGroup g) {
    return new ActionProfileGroup(
        index.actionProfile(g.getActionProfileId()).getPreamble().getName(),
        g.getGroupId(),
        g.getMembersList().stream()
            .map(m -> new ActionProfileGroup.Member(m.getMemberId(), m.getWeight()))
            .toList(),
        g.getMaxSize());
  }
}
