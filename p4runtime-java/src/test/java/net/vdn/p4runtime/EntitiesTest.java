package net.vdn.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.vdn.p4runtime.entity.CounterData;
import net.vdn.p4runtime.entity.CounterEntry;
import net.vdn.p4runtime.entity.MeterEntry;
import net.vdn.p4runtime.entity.TableEntry;
import org.junit.jupiter.api.Test;

/** Entities without a connection: canonical forms and pre-encoded updates. */
class EntitiesTest {
  private final Entities entities = Entities.of(Fixtures.unitP4Info());

  private static TableEntry route(int port) {
    return TableEntry.in("routes")
        .lpm("dst_addr", Value.of(new byte[] {0, 10, 0, 0, 0}), 8)
        .action("set_port", "port", port)
        .build();
  }

  @Test
  void canonicalFormHasFullNamesAndCanonicalValues() {
    TableEntry canonical = entities.canonical(route(3));
    assertThat(canonical.table()).isEqualTo("Ingress.routes");
    assertThat(canonical.matches()).containsOnlyKeys("hdr.ipv4.dst_addr");
    assertThat(canonical).isEqualTo(entities.canonical(canonical));
    assertThat(entities.canonical(new MeterEntry("port_meter", 3, null)))
        .isEqualTo(new MeterEntry("Ingress.port_meter", 3, null));
  }

  @Test
  void canonicalFormIsValidatedAsForAWrite() {
    assertThatThrownBy(() -> entities.canonical(route(999)))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("does not fit 9 bits");
    assertThatThrownBy(() -> entities.canonical(TableEntry.in("no_such_table").build()))
        .isInstanceOf(P4InfoException.class);
  }

  @Test
  void updatesAreEncodedAsTheClientSendsThem() {
    var insert = entities.encode(Update.insert(route(3)));
    assertThat(insert.getType()).isEqualTo(net.vdn.p4runtime.proto.v1.Update.Type.INSERT);
    assertThat(insert.getEntity().getTableEntry().getAction().getAction().getParams(0).getValue())
        .isEqualTo(Value.of(3).toByteString());
    var delete = entities.encode(Update.delete(route(3)));
    assertThat(delete.getEntity().getTableEntry().hasAction()).as("a delete is a key").isFalse();
    assertThatThrownBy(
            () ->
                entities.encode(
                    Update.insert(new CounterEntry("port_counter", 1, CounterData.ZERO))))
        .isInstanceOf(InvalidEntityException.class)
        .hasMessageContaining("INSERT: counter, meter and register cells can only be modified");
  }
}
