package net.vdn.softswitch.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.runtime.Phv;

/**
 * An action profile: members (action calls shared by entries of its tables) and, when it has a
 * selector, groups of weighted members of which one is chosen per packet by the selector hash.
 *
 * <p>Not thread-safe: use it under {@link net.vdn.softswitch.Switch#lock()}.
 */
public final class ActionProfile {

  /** A member: an action call with its encoded data. */
  public record Member(int id, EntryAction.Call call, ActionFn fn, long[] data) {}

  /** A member of a group with its weight (the number of hash buckets it gets). */
  public record GroupMember(int memberId, int weight) {}

  /** A group as the control plane sees it. */
  public record Group(int id, List<GroupMember> members, int maxSize) {
    public Group {
      members = List.copyOf(members);
    }
  }

  private final String name;
  private final int id;
  private final int maxSize;
  private final Calculation selector;
  private IntFunction<ActionFn> actions = i -> null;
  private final Map<Integer, Member> members = new LinkedHashMap<>();
  private final Map<Integer, Group> groups = new LinkedHashMap<>();
  private final Map<Integer, Member[]> buckets = new HashMap<>();
  private final Map<Integer, Integer> memberRefs = new HashMap<>();
  private final Map<Integer, Integer> groupRefs = new HashMap<>();

  public ActionProfile(String name, int id, int maxSize, Calculation selector) {
    this.name = name;
    this.id = id;
    this.maxSize = maxSize;
    this.selector = selector;
  }

  /** Sets how action ids resolve (the actions of the tables that use this profile). */
  public void actions(IntFunction<ActionFn> resolver) {
    this.actions = resolver;
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public boolean hasSelector() {
    return selector != null;
  }

  public void insertMember(int memberId, EntryAction.Call call) {
    if (members.containsKey(memberId)) {
      throw new EntryException(
          EntryException.Kind.DUPLICATE, this + ": member " + memberId + " exists");
    }
    if (members.size() >= maxSize) {
      throw new TableFullException(this + " is full (" + maxSize + " members)");
    }
    members.put(memberId, member(memberId, call));
  }

  public void modifyMember(int memberId, EntryAction.Call call) {
    existingMember(memberId);
    members.put(memberId, member(memberId, call));
    for (Group g : groups.values()) {
      rebuild(g);
    }
  }

  public void deleteMember(int memberId) {
    existingMember(memberId);
    if (memberRefs.getOrDefault(memberId, 0) > 0
        || groups.values().stream()
            .anyMatch(g -> g.members().stream().anyMatch(m -> m.memberId() == memberId))) {
      throw new EntryException(
          EntryException.Kind.IN_USE, this + ": member " + memberId + " is in use");
    }
    members.remove(memberId);
  }

  public List<Member> members() {
    return new ArrayList<>(members.values());
  }

  public void insertGroup(Group group) {
    requireSelector();
    if (groups.containsKey(group.id())) {
      throw new EntryException(
          EntryException.Kind.DUPLICATE, this + ": group " + group.id() + " exists");
    }
    if (groups.size() >= maxSize) {
      throw new TableFullException(this + " is full (" + maxSize + " groups)");
    }
    checkGroup(group);
    groups.put(group.id(), group);
    rebuild(group);
  }

  public void modifyGroup(Group group) {
    requireSelector();
    existingGroup(group.id());
    checkGroup(group);
    groups.put(group.id(), group);
    rebuild(group);
  }

  public void deleteGroup(int groupId) {
    existingGroup(groupId);
    if (groupRefs.getOrDefault(groupId, 0) > 0) {
      throw new EntryException(
          EntryException.Kind.IN_USE, this + ": group " + groupId + " is in use");
    }
    groups.remove(groupId);
    buckets.remove(groupId);
  }

  public List<Group> groups() {
    return new ArrayList<>(groups.values());
  }

  Member member(int memberId) {
    return members.get(memberId);
  }

  boolean hasGroup(int groupId) {
    return groups.containsKey(groupId);
  }

  void reference(EntryAction action, int delta) {
    if (action instanceof EntryAction.Member m) {
      memberRefs.merge(m.memberId(), delta, Integer::sum);
    } else if (action instanceof EntryAction.Group g) {
      groupRefs.merge(g.groupId(), delta, Integer::sum);
    }
  }

  /** The member a packet selects in a group, or null for an empty group. */
  Member select(int groupId, Phv p) {
    Member[] b = buckets.get(groupId);
    if (b == null || b.length == 0) {
      return null;
    }
    if (b.length == 1) {
      return b[0];
    }
    return b[(int) Long.remainderUnsigned(selector.compute(p), b.length)];
  }

  private Member member(int memberId, EntryAction.Call call) {
    ActionFn fn = actions.apply(call.actionId());
    if (fn == null) {
      throw new EntryException(
          EntryException.Kind.INVALID, this + ": action id " + call.actionId() + " not allowed");
    }
    return new Member(memberId, call, fn, ActionData.encode(fn, call.params()));
  }

  private void rebuild(Group g) {
    List<Member> expanded = new ArrayList<>();
    for (GroupMember gm : g.members()) {
      for (int i = 0; i < gm.weight(); i++) {
        expanded.add(members.get(gm.memberId()));
      }
    }
    buckets.put(g.id(), expanded.toArray(new Member[0]));
  }

  private void checkGroup(Group g) {
    int size = g.maxSize() > 0 ? g.maxSize() : Integer.MAX_VALUE;
    if (g.members().size() > size) {
      throw new EntryException(
          EntryException.Kind.INVALID, this + ": group " + g.id() + " exceeds its max size");
    }
    for (GroupMember gm : g.members()) {
      existingMember(gm.memberId());
      if (gm.weight() <= 0) {
        throw new EntryException(EntryException.Kind.INVALID, this + ": weight must be positive");
      }
    }
  }

  private void existingMember(int memberId) {
    if (!members.containsKey(memberId)) {
      throw new EntryException(EntryException.Kind.NOT_FOUND, this + ": no member " + memberId);
    }
  }

  private void existingGroup(int groupId) {
    if (!groups.containsKey(groupId)) {
      throw new EntryException(EntryException.Kind.NOT_FOUND, this + ": no group " + groupId);
    }
  }

  private void requireSelector() {
    if (selector == null) {
      throw new EntryException(EntryException.Kind.INVALID, this + " has no selector: no groups");
    }
  }

  @Override
  public String toString() {
    return "action profile '" + name + "'";
  }
}
