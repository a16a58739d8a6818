package net.vdn.p4runtime.info;

import net.vdn.p4runtime.proto.config.v1.Action;

/** An action of the program with its parameters by name. */
public record ActionInfo(Action proto, NameTable<Action.Param> params) {
  public String name() {
    return proto.getPreamble().getName();
  }

  public int id() {
    return proto.getPreamble().getId();
  }

  public Action.Param param(String name) {
    return params.get(name);
  }
}
