package net.vdn.openflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.vdn.openflow.OpenFlowError;
import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;

class FrameDecoderTest {
  private static ByteBuf bytes(int... b) {
    ByteBuf buf = Unpooled.buffer();
    for (int x : b) {
      buf.writeByte(x);
    }
    return buf;
  }

  @Test
  void waitsForAWholeFrameThenDecodesIt() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    ByteBuf barrier = Unpooled.buffer();
    OFFactories.getFactory(OFVersion.OF_13).buildBarrierReply().setXid(42).build().writeTo(barrier);
    ch.writeInbound(barrier.readRetainedSlice(5));
    Object none = ch.readInbound();
    assertThat(none).isNull();
    ch.writeInbound(barrier);
    OFBarrierReply reply = ch.readInbound();
    assertThat(reply.getXid()).isEqualTo(42);
  }

  @Test
  void readsHelloBitmapsOfAnyVersion() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    // Version 1.5 header; bitmap with 1.0 (bit 1) and 1.3 (bit 4), then a second word (bit 32+1).
    ch.writeInbound(
        bytes(6, 0, 0, 24, 0, 0, 0, 7, 0, 1, 0, 12, 0, 0, 0, 0x12, 0, 0, 0, 2, 0, 0, 0, 0));
    Hello hello = ch.readInbound();
    assertThat(hello.headerVersion()).isEqualTo(6);
    assertThat(hello.xid()).isEqualTo(7);
    assertThat(hello.versions().stream().boxed()).containsExactly(1, 4, 33);
    assertThat(hello.negotiate()).isEqualTo(Hello.OF_13);
    assertThat(Hello.parse(bytes(4, 0, 0, 8, 0, 0, 0, 1)).negotiate()).isEqualTo(Hello.OF_13);
    assertThat(Hello.parse(bytes(2, 0, 0, 8, 0, 0, 0, 1)).negotiate()).isEqualTo(-1);
    assertThat(Hello.parse(bytes(4, 0, 0, 16, 0, 0, 0, 1, 0, 1, 0, 8, 0, 0, 0, 2)).negotiate())
        .isEqualTo(-1);
  }

  @Test
  void errorsAreDecodedFromTheirNumbers() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    // METER_MOD_FAILED (12) / METER_EXISTS (1), then a type no specification defines.
    ch.writeInbound(bytes(4, 1, 0, 12, 0, 0, 0, 9, 0, 12, 0, 1));
    ch.writeInbound(bytes(4, 1, 0, 12, 0, 0, 0, 10, 0, 77, 0, 3));
    OpenFlowError meterExists = ch.readInbound();
    OpenFlowError unknown = ch.readInbound();
    assertThat(meterExists)
        .isEqualTo(new OpenFlowError(12, "METER_MOD_FAILED", 1, "METER_EXISTS", 9));
    assertThat(unknown).isEqualTo(new OpenFlowError(77, "UNKNOWN", 3, "UNKNOWN", 10));
  }

  @Test
  void refusesWhatCannotBeAnOpenFlowStream() {
    assertThatThrownBy(
            () ->
                new EmbeddedChannel(new FrameDecoder())
                    .writeInbound(bytes(0x16, 3, 1, 0, 0xa5, 1, 0, 0)))
        .isInstanceOf(BadFrameException.class)
        .hasMessageContaining("version byte 0x16");
    assertThatThrownBy(
            () ->
                new EmbeddedChannel(new FrameDecoder())
                    .writeInbound(bytes(4, 1, 0, 10, 0, 0, 0, 1, 0, 1)))
        .isInstanceOf(BadFrameException.class)
        .hasMessageContaining("OFPT_ERROR of 10 bytes has no type and code");
    assertThatThrownBy(
            () ->
                new EmbeddedChannel(new FrameDecoder())
                    .writeInbound(bytes(4, 0, 0, 12, 0, 0, 0, 1, 0, 1, 0, 2)))
        .isInstanceOf(BadFrameException.class)
        .hasMessageContaining("HELLO element of type 1 has a bad length 2");
  }

  @Test
  void skipsAWellFramedMessageItCannotDecode() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder());
    // Type 200 exists in no version; the stream stays in step and the next message is read.
    ch.writeInbound(bytes(4, 200, 0, 8, 0, 0, 0, 1, 4, 21, 0, 8, 0, 0, 0, 2));
    OFBarrierReply next = ch.readInbound();
    assertThat(next.getXid()).isEqualTo(2);
    assertThat(ch.isActive()).isTrue();
  }
}
