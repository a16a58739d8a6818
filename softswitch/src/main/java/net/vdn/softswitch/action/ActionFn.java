package net.vdn.softswitch.action;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import net.vdn.softswitch.expr.ParamLayout;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.runtime.Phv;

/** A compiled action: its parameters' layout and its primitive calls. */
public final class ActionFn {
  private final String name;
  private final int id;
  private final ParamLayout params;
  private final String[] paramNames;
  private Step[] body = new Step[0];
  private ReentrantLock[] registerLocks = new ReentrantLock[0];

  public ActionFn(String name, int id, ParamLayout params, String[] paramNames) {
    this.name = name;
    this.id = id;
    this.params = params;
    this.paramNames = paramNames;
  }

  /**
   * Sets the compiled body and the register arrays it uses, whose locks each run holds (taken in
   * the order of the arrays' ids, so two actions never wait for each other's).
   */
  void body(Step[] steps, List<RegisterArray> registers) {
    this.body = steps;
    this.registerLocks =
        registers.stream()
            .sorted(Comparator.comparingInt(RegisterArray::id))
            .map(RegisterArray::lock)
            .toArray(ReentrantLock[]::new);
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
    ReentrantLock[] locks = registerLocks;
    if (locks.length == 0) {
      runSteps(p);
      return;
    }
    for (ReentrantLock l : locks) {
      l.lock();
    }
    try {
      runSteps(p);
    } finally {
      for (int i = locks.length - 1; i >= 0; i--) {
        locks[i].unlock();
      }
    }
  }

  private void runSteps(Phv p) {
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
