package net.vdn.p4runtime.entity;

import java.util.LinkedHashMap;
import java.util.Map;
import net.vdn.p4runtime.Value;

/** An action with its parameter values, by name. */
public record ActionCall(String action, Map<String, Value> params) implements TableAction {
  public ActionCall {
    params = Map.copyOf(params);
  }

  public static ActionCall of(String action) {
    return new ActionCall(action, Map.of());
  }

  /** An action with parameters given as name, value, name, value, ... */
  public static ActionCall of(String action, Object... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "parameters of " + action + " must come in name, value pairs");
    }
    Map<String, Value> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      Object v = nameValuePairs[i + 1];
      Value value =
          switch (v) {
            case Value val -> val;
            case Long l -> Value.of(l);
            case Integer n -> Value.of(n.longValue());
            default ->
                throw new IllegalArgumentException(
                    "parameter "
                        + nameValuePairs[i]
                        + " of "
                        + action
                        + ": not a Value or number: "
                        + v);
          };
      params.put((String) nameValuePairs[i], value);
    }
    return new ActionCall(action, params);
  }
}
