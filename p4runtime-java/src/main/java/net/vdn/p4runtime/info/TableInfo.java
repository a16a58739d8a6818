package net.vdn.p4runtime.info;

import java.util.Map;
import net.vdn.p4runtime.proto.config.v1.ActionRef;
import net.vdn.p4runtime.proto.config.v1.MatchField;
import net.vdn.p4runtime.proto.config.v1.Table;

/**
 * A table of the program with its match fields by name and the actions its entries may use.
 *
 * @param directCounterId id of the direct counter attached to the table, or 0
 * @param directMeterId id of the direct meter attached to the table, or 0
 * @param profileId id of the action profile or selector implementing the table, or 0
 * @param needsPriority entries need a priority: a field is ternary, range or optional
 */
public record TableInfo(
    Table proto,
    NameTable<MatchField> fields,
    Map<Integer, ActionRef> actionRefs,
    int directCounterId,
    int directMeterId,
    int profileId,
    boolean needsPriority) {

  public String name() {
    return proto.getPreamble().getName();
  }

  public int id() {
    return proto.getPreamble().getId();
  }

  public MatchField field(String name) {
    return fields.get(name);
  }

  /** Entries need a priority when any field is ternary, range or optional. */
  static boolean needsPriority(Table proto) {
    return proto.getMatchFieldsList().stream()
        .anyMatch(
            f ->
                switch (f.getMatchType()) {
                  case TERNARY, RANGE, OPTIONAL -> true;
                  default -> false;
                });
  }

  public boolean isIndirect() {
    return profileId != 0;
  }
}
