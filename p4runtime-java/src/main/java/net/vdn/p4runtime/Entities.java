package net.vdn.p4runtime;

import net.vdn.p4runtime.entity.Entity;
import net.vdn.p4runtime.info.P4InfoIndex;
import net.vdn.p4runtime.internal.EntityCodec;

/**
 * Entities checked against one program's P4Info, without a connection: their canonical form (as a
 * target reports them) and their encoding as the client sends them.
 *
 * <pre>{@code
 * Entities entities = Entities.of(P4InfoIndex.of(p4info));
 * TableEntry expected = entities.canonical(entry);   // equals what a read returns
 * }</pre>
 */
public final class Entities {
  private final EntityCodec codec;

  private Entities(EntityCodec codec) {
    this.codec = codec;
  }

  /** Entities of the program this P4Info describes. */
  public static Entities of(P4InfoIndex index) {
    return new Entities(new EntityCodec(index, false));
  }

  /** The client's entities, encoded for the target it is connected to. */
  static Entities of(EntityCodec codec) {
    return new Entities(codec);
  }

  /** The P4Info names are resolved against. */
  public P4InfoIndex index() {
    return codec.index();
  }

  /**
   * The entity as a target reports it when read back: names in full, values canonical. It is
   * validated as for an insert or a modify; an invalid one raises {@link InvalidEntityException} or
   * {@link P4InfoException}.
   */
  @SuppressWarnings("unchecked") // decoding returns the kind of entity that was encoded
  public <E extends Entity> E canonical(E entity) {
    return (E) codec.decode(codec.encode(entity, EntityCodec.Purpose.WRITE));
  }

  /**
   * The update validated and encoded as {@link P4RuntimeClient#write} sends it (a delete carries
   * only the key), for tools that send pre-built requests with {@link P4RuntimeClient#writeRaw}.
   */
  public net.vdn.p4runtime.proto.v1.Update encode(Update update) {
    return codec.update(update);
  }
}
