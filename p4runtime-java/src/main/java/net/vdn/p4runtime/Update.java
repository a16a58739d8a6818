package net.vdn.p4runtime;

import net.vdn.p4runtime.entity.Entity;

/** One update of a write batch. */
public record Update(Type type, Entity entity) {
  public enum Type {
    INSERT,
    MODIFY,
    DELETE
  }

  public static Update insert(Entity e) {
    return new Update(Type.INSERT, e);
  }

  public static Update modify(Entity e) {
    return new Update(Type.MODIFY, e);
  }

  public static Update delete(Entity e) {
    return new Update(Type.DELETE, e);
  }
}
