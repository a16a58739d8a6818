package net.vdn.p4runtime.internal;

import net.vdn.p4runtime.InvalidEntityException;
import net.vdn.p4runtime.P4InfoException;
import net.vdn.p4runtime.P4RuntimeException;
import net.vdn.p4runtime.Update;
import net.vdn.p4runtime.entity.ActionProfileGroup;
import net.vdn.p4runtime.entity.ActionProfileMember;
import net.vdn.p4runtime.entity.CloneSession;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.DigestConfig;
import net.vdn.p4runtime.entity.DirectCounterEntry;
import net.vdn.p4runtime.entity.DirectMeterEntry;
import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.MulticastGroup;
import net.vdn.p4runtime.entity.RegisterEntry;
import net.vdn.p4runtime.entity.TableEntry;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.proto.config.v1.Digest;
import net.vdn.p4runtime.proto.v1.PacketReplicationEngineEntry;

/**
 * Turns named entities into P4Runtime messages and back, checking every name, width, match kind,
 * priority and action against P4Info first. Everything it emits uses canonical bytestrings; every
 * value it decodes is normalized, so an entry read back equals the one written.
 */
public final class EntityCodec {
  private final P4InfoIndex index;
  private final TableEntryCodec tables;
  private final ProfileCodec profiles;
  private final CellCodec cells;
  private final ReplicationCodec replication;

  /**
   * @param legacyReplicaPorts write replica ports in the deprecated 32-bit {@code egress_port}
   *     field, for targets older than P4Runtime 1.4
   */
  public EntityCodec(P4InfoIndex index, boolean legacyReplicaPorts) {
    this.index = index;
    ActionCodec actions = new ActionCodec(index);
    this.tables = new TableEntryCodec(index, actions);
    this.profiles = new ProfileCodec(index, actions);
    this.cells = new CellCodec(index, tables);
    this.replication = new ReplicationCodec(legacyReplicaPorts);
  }

  public P4InfoIndex index() {
    return index;
  }

  /** What an encoded entity is for: a full write, or a key (delete, read filter). */
  public enum Purpose {
    WRITE,
    KEY
  }

  /** Validates and encodes a table entry. */
  public net.vdn.p4runtime.proto.v1.TableEntry tableEntry(TableEntry e, Purpose purpose) {
    return tables.encode(e, purpose);
  }

  /** Decodes a table entry read from a target, names in full and values canonical. */
  public TableEntry decodeTableEntry(net.vdn.p4runtime.proto.v1.TableEntry e) {
    return tables.decode(e);
  }

  public net.vdn.p4runtime.proto.v1.Entity encode(Entity entity, Purpose purpose) {
    var out = net.vdn.p4runtime.proto.v1.Entity.newBuilder();
    switch (entity) {
      case TableEntry e -> out.setTableEntry(tableEntry(e, purpose));
      case ActionProfileMember m -> out.setActionProfileMember(profiles.member(m, purpose));
      case ActionProfileGroup g -> out.setActionProfileGroup(profiles.group(g, purpose));
      case CounterEntry c -> out.setCounterEntry(cells.counter(c, purpose));
      case DirectCounterEntry c -> out.setDirectCounterEntry(cells.directCounter(c, purpose));
      case MeterEntry m -> out.setMeterEntry(cells.meter(m, purpose));
      case DirectMeterEntry m -> out.setDirectMeterEntry(cells.directMeter(m, purpose));
      case RegisterEntry r -> out.setRegisterEntry(cells.register(r, purpose));
      case MulticastGroup g ->
          out.setPacketReplicationEngineEntry(
              PacketReplicationEngineEntry.newBuilder()
                  .setMulticastGroupEntry(replication.multicast(g, purpose)));
      case CloneSession s ->
          out.setPacketReplicationEngineEntry(
              PacketReplicationEngineEntry.newBuilder()
                  .setCloneSessionEntry(replication.clone(s, purpose)));
      case DigestConfig d -> out.setDigestEntry(digest(d, purpose));
    }
    return out.build();
  }

  /**
   * Validates and encodes update number {@code i} of a batch: a delete carries only the entity's
   * key; cells and default entries can only be modified. Errors name the update.
   */
  public net.vdn.p4runtime.proto.v1.Update update(int i, Update u) {
    return update(u, "update #" + i + " (" + u.type() + "): ");
  }

  /** Validates and encodes one update; errors start with its type. */
  public net.vdn.p4runtime.proto.v1.Update update(Update u) {
    return update(u, u.type() + ": ");
  }

  private net.vdn.p4runtime.proto.v1.Update update(Update u, String where) {
    Entity e = u.entity();
    boolean cellOnly =
        e instanceof CounterEntry
            || e instanceof DirectCounterEntry
            || e instanceof MeterEntry
            || e instanceof DirectMeterEntry
            || e instanceof RegisterEntry;
    if (cellOnly && u.type() != Update.Type.MODIFY) {
      throw new InvalidEntityException(
          where + "counter, meter and register cells can only be modified");
    }
    if (e instanceof TableEntry t && t.isDefault() && u.type() != Update.Type.MODIFY) {
      throw new InvalidEntityException(where + "a default entry can only be modified");
    }
    try {
      return net.vdn.p4runtime.proto.v1.Update.newBuilder()
          .setType(net.vdn.p4runtime.proto.v1.Update.Type.valueOf(u.type().name()))
          .setEntity(encode(e, u.type() == Update.Type.DELETE ? Purpose.KEY : Purpose.WRITE))
          .build();
    } catch (InvalidEntityException ex) {
      throw new InvalidEntityException(where + ex.getMessage());
    } catch (P4InfoException ex) {
      throw new P4InfoException(where + ex.getMessage(), ex);
    }
  }

  private net.vdn.p4runtime.proto.v1.DigestEntry digest(DigestConfig d, Purpose purpose) {
    Digest info = index.digest(d.digest());
    var out =
        net.vdn.p4runtime.proto.v1.DigestEntry.newBuilder().setDigestId(info.getPreamble().getId());
    if (purpose == Purpose.WRITE) {
      if (d.maxTimeoutNs() < 0 || d.maxListSize() < 0 || d.ackTimeoutNs() < 0) {
        throw Wire.invalid(
            "digest '" + info.getPreamble().getName() + "': negative configuration " + d);
      }
      out.setConfig(
          net.vdn.p4runtime.proto.v1.DigestEntry.Config.newBuilder()
              .setMaxTimeoutNs(d.maxTimeoutNs())
              .setMaxListSize(d.maxListSize())
              .setAckTimeoutNs(d.ackTimeoutNs()));
    }
    return out.build();
  }

  /** The named entity of a message read from a target. */
  public Entity decode(net.vdn.p4runtime.proto.v1.Entity e) {
    return switch (e.getEntityCase()) {
      case TABLE_ENTRY -> decodeTableEntry(e.getTableEntry());
      case ACTION_PROFILE_MEMBER -> profiles.decodeMember(e.getActionProfileMember());
      case ACTION_PROFILE_GROUP -> profiles.decodeGroup(e.getActionProfileGroup());
      case COUNTER_ENTRY -> cells.decodeCounter(e.getCounterEntry());
      case DIRECT_COUNTER_ENTRY -> cells.decodeDirectCounter(e.getDirectCounterEntry());
      case METER_ENTRY -> cells.decodeMeter(e.getMeterEntry());
      case DIRECT_METER_ENTRY -> cells.decodeDirectMeter(e.getDirectMeterEntry());
      case REGISTER_ENTRY -> cells.decodeRegister(e.getRegisterEntry());
      case PACKET_REPLICATION_ENGINE_ENTRY ->
          ReplicationCodec.decode(e.getPacketReplicationEngineEntry());
      case DIGEST_ENTRY -> {
        var d = e.getDigestEntry();
        yield new DigestConfig(
            index.digest(d.getDigestId()).getPreamble().getName(),
            d.getConfig().getMaxTimeoutNs(),
            d.getConfig().getMaxListSize(),
            d.getConfig().getAckTimeoutNs());
      }
      default -> throw new P4RuntimeException("cannot decode entity of kind " + e.getEntityCase());
    };
  }
}
