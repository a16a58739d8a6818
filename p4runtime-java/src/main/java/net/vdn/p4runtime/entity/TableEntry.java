package net.vdn.p4runtime.entity;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import net.vdn.p4runtime.Value;

/**
 * A table entry named as in the program. Fields not in {@code matches} are don't-care (allowed for
 * ternary, range, optional and LPM fields only). The default entry has no matches and {@code
 * isDefault} set.
 *
 * @param action null in a key used only to read or delete
 * @param idleTimeoutNs 0 when the entry never ages
 * @param meterConfig direct meter configuration carried with the entry, or null
 * @param counterData direct counter value carried with the entry, or null
 * @param metadata opaque controller bytes, empty when none
 */
public record TableEntry(
    String table,
    Map<String, Match> matches,
    TableAction action,
    int priority,
    boolean isDefault,
    long idleTimeoutNs,
    MeterConfig meterConfig,
    CounterData counterData,
    ByteString metadata)
    implements Entity {

  public TableEntry {
    matches = Map.copyOf(matches);
    metadata = metadata == null ? ByteString.EMPTY : metadata;
  }

  /** Starts an entry of the named table. */
  public static Builder in(String table) {
    return new Builder(table);
  }

  /** The default entry of a table, running the given action. */
  public static TableEntry defaultEntry(String table, ActionCall action) {
    return new Builder(table).isDefault(true).action(action).build();
  }

  /** This entry with only what identifies it (table, matches, priority, default flag). */
  public TableEntry key() {
    return new TableEntry(table, matches, null, priority, isDefault, 0, null, null, null);
  }

  public Builder toBuilder() {
    Builder b = new Builder(table);
    b.matches.putAll(matches);
    b.action = action;
    b.priority = priority;
    b.isDefault = isDefault;
    b.idleTimeoutNs = idleTimeoutNs;
    b.meterConfig = meterConfig;
    b.counterData = counterData;
    b.metadata = metadata;
    return b;
  }

  /** Builds table entries field by field. */
  public static final class Builder {
    private final String table;
    private final Map<String, Match> matches = new LinkedHashMap<>();
    private TableAction action;
    private int priority;
    private boolean isDefault;
    private long idleTimeoutNs;
    private MeterConfig meterConfig;
    private CounterData counterData;
    private ByteString metadata = ByteString.EMPTY;

    private Builder(String table) {
      this.table = table;
    }

    public Builder match(String field, Match match) {
      matches.put(field, match);
      return this;
    }

    public Builder exact(String field, Value value) {
      return match(field, Match.exact(value));
    }

    public Builder exact(String field, long value) {
      return match(field, Match.exact(value));
    }

    public Builder lpm(String field, Value value, int prefixLength) {
      return match(field, Match.lpm(value, prefixLength));
    }

    public Builder ternary(String field, Value value, Value mask) {
      return match(field, Match.ternary(value, mask));
    }

    public Builder range(String field, Value low, Value high) {
      return match(field, Match.range(low, high));
    }

    public Builder optional(String field, Value value) {
      return match(field, Match.optional(value));
    }

    public Builder action(TableAction action) {
      this.action = action;
      return this;
    }

    public Builder action(String name, Object... paramNameValuePairs) {
      return action(ActionCall.of(name, paramNameValuePairs));
    }

    public Builder member(int memberId) {
      return action(new TableAction.MemberRef(memberId));
    }

    public Builder group(int groupId) {
      return action(new TableAction.GroupRef(groupId));
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder isDefault(boolean isDefault) {
      this.isDefault = isDefault;
      return this;
    }

    public Builder idleTimeoutNs(long idleTimeoutNs) {
      this.idleTimeoutNs = idleTimeoutNs;
      return this;
    }

    public Builder meterConfig(MeterConfig meterConfig) {
      this.meterConfig = meterConfig;
      return this;
    }

    public Builder counterData(CounterData counterData) {
      this.counterData = counterData;
      return this;
    }

    public Builder metadata(ByteString metadata) {
      this.metadata = metadata;
      return this;
    }

    public TableEntry build() {
      return new TableEntry(
          table,
          matches,
          action,
          priority,
          isDefault,
          idleTimeoutNs,
          meterConfig,
          counterData,
          metadata);
    }
  }
}
