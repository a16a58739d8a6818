package net.vdn.softswitch.action;

import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.runtime.Phv;

/** A compiled action: its parameters' layout and its primitive calls. */
public final class ActionFn {
  private final String name;
  private final int id;
  private final ParamLayout params;
  private final String[] paramNames;
  private Step[] body = new Step[0];

  public ActionFn(String name, int id, ParamLayout params, String[] paramNames) {
    this.name = name;
    this.id = id;
    this.params = params;
    this.paramNames = paramNames;
  }

  void body(Step[] steps) {
    this.body = steps;
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public ParamLayout params() {
    return params;
  }

  public String paramName(int i) {
    return paramNames[i];
  }

  /** Runs the action with the given action data; stops early on {@code exit}. */
  public void run(Phv p, long[] data) {
    p.params = data;
    Step[] steps = body;
    int pc = 0;
    while (pc < steps.length) {
      pc = steps[pc].run(p, pc);
    }
  }

  @Override
  public String toString() {
    return "action '" + name + "' (id " + id + ")";
  }
}
