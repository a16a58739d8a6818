package net.vdn.p4runtime.entity;

/** A member of an action profile: an action that table entries or groups refer to by id. */
public record ActionProfileMember(String profile, int memberId, ActionCall action)
    implements Entity {}
