package net.vdn.openflow.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.projectfloodlight.openflow.protocol.OFMessage;

/** Writes openflowj messages to the wire. */
final class MessageEncoder extends MessageToByteEncoder<OFMessage> {
  MessageEncoder() {
    super(OFMessage.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, OFMessage msg, ByteBuf out) {
    msg.writeTo(out);
  }
}
