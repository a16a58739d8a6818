package net.vdn.controller.provider.p4runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.p4runtime.Entities;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.entity.ActionProfileGroup;
import net.vdn.p4runtime.entity.ActionProfileMember;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.TableEntry;

/**
 * What one device should hold: the entities written to it, by identity (a table entry by its key, a
 * group by its id, a meter cell by its index). Entities are kept as the device reports them (full
 * names, canonical values), so they compare equal to what is read back.
 */
public final class DeviceMirror {
  private final Entities codec;
  private final Map<Object, Entity> entities = new LinkedHashMap<>();

  public DeviceMirror(Entities codec) {
    this.codec = codec;
  }

  /** Records updates the device acknowledged. Counter cells are state, not configuration. */
  public synchronized void apply(List<Update> updates) {
    for (Update u : updates) {
      if (u.entity() instanceof CounterEntry) {
        continue;
      }
      Entity e = canonical(u.entity());
      if (u.type() == Update.Type.DELETE || (e instanceof MeterEntry m && m.config() == null)) {
        entities.remove(identity(e));
      } else {
        entities.put(identity(e), e);
      }
    }
  }

  /** What the mirror holds under the entity's key (table key, group id, cell), or null. */
  public synchronized Entity held(Entity e) {
    return entities.get(identity(canonical(e)));
  }

  /** Forgets everything (a new master records what the store says instead). */
  public synchronized void clear() {
    entities.clear();
  }

  public synchronized List<Entity> entities() {
    return new ArrayList<>(entities.values());
  }

  public synchronized int size() {
    return entities.size();
  }

  Entity canonical(Entity e) {
    return codec.canonical(e);
  }

  /** What identifies an entity on a device, whatever it does. */
  static Object identity(Entity e) {
    return switch (e) {
      case TableEntry t -> t.key();
      case MulticastGroup g -> "mcast:" + g.groupId();
      case CloneSession s -> "clone:" + s.sessionId();
      case MeterEntry m -> "meter:" + m.meter() + ":" + m.index();
      case ActionProfileMember m -> "member:" + m.profile() + ":" + m.memberId();
      case ActionProfileGroup g -> "group:" + g.profile() + ":" + g.groupId();
      default -> e;
    };
  }
}
