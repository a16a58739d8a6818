package net.vdn.gnmi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.vdn.gnmi.internal.Requests;

/**
 * Deletes, replaces and updates sent as one gNMI Set: the target applies all of them or none. Per
 * gNMI, the target applies the deletes first, then the replaces, then the updates, whatever order
 * they were added in.
 *
 * <pre>{@code
 * client.set()
 *     .update(GnmiPath.parse("/interfaces/interface[name=1]/config/enabled"), GnmiValue.of(true))
 *     .delete(GnmiPath.parse("/interfaces/interface[name=2]/config/description"))
 *     .commit();
 * }</pre>
 */
public final class SetTransaction {
  private final GnmiClient client;
  private final List<GnmiPath> deletes = new ArrayList<>();
  private final List<Notification.Update> replaces = new ArrayList<>();
  private final List<Notification.Update> updates = new ArrayList<>();

  SetTransaction(GnmiClient client) {
    this.client = client;
  }

  /** Merges the value into what the target holds at the path. */
  public SetTransaction update(GnmiPath path, GnmiValue value) {
    updates.add(new Notification.Update(path, value, 0));
    return this;
  }

  /** Replaces what the target holds at the path (the whole subtree) with the value. */
  public SetTransaction replace(GnmiPath path, GnmiValue value) {
    replaces.add(new Notification.Update(path, value, 0));
    return this;
  }

  /** Deletes what the target holds at the path. */
  public SetTransaction delete(GnmiPath path) {
    deletes.add(Objects.requireNonNull(path, "path"));
    return this;
  }

  public int size() {
    return deletes.size() + replaces.size() + updates.size();
  }

  /** Sends the transaction; throws {@link GnmiTargetException} when the target refuses it. */
  public SetResult commit() {
    if (size() == 0) {
      throw new IllegalStateException("an empty transaction: add an update, replace or delete");
    }
    return client.send(Requests.set(deletes, replaces, updates));
  }
}
