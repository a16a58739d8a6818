package net.vdn.p4runtime;

import java.util.ArrayList;
import java.util.List;
import net.vdn.p4runtime.entity.Entity;

/** A write batch under construction. */
public final class Batch {
  private final P4RuntimeClient client;
  private final List<Update> updates = new ArrayList<>();
  private P4RuntimeClient.Atomicity atomicity = P4RuntimeClient.Atomicity.CONTINUE_ON_ERROR;

  Batch(P4RuntimeClient client) {
    this.client = client;
  }

  public Batch insert(Entity... entities) {
    for (Entity e : entities) {
      updates.add(Update.insert(e));
    }
    return this;
  }

  public Batch modify(Entity... entities) {
    for (Entity e : entities) {
      updates.add(Update.modify(e));
    }
    return this;
  }

  public Batch delete(Entity... entities) {
    for (Entity e : entities) {
      updates.add(Update.delete(e));
    }
    return this;
  }

  public Batch add(Update update) {
    updates.add(update);
    return this;
  }

  public Batch atomicity(P4RuntimeClient.Atomicity atomicity) {
    this.atomicity = atomicity;
    return this;
  }

  public List<Update> updates() {
    return List.copyOf(updates);
  }

  /** Sends the batch; the result has one entry per update. */
  public WriteResult send() {
    return client.write(updates, atomicity);
  }

  /** Sends the batch and throws {@link WriteException} if any update was refused. */
  public WriteResult sendOrThrow() {
    WriteResult result = send();
    if (!result.allOk()) {
      throw new WriteException(result);
    }
    return result;
  }
}
