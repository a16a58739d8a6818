package net.vdn.optical.tl1.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.vdn.optical.tl1.Tl1Message;

/**
 * The byte stream from a network element as {@link Tl1Message}s, one parser per connection. TL1 is
 * ASCII; bytes above 0x7f are kept as Latin-1 characters for the parser to judge.
 */
final class Tl1Decoder extends ByteToMessageDecoder {
  /** The longest message accepted before it is reported as malformed. */
  static final int MAX_MESSAGE_CHARS = 1 << 20;

  private final Tl1Parser parser = new Tl1Parser(MAX_MESSAGE_CHARS);

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    CharSequence text = in.readCharSequence(in.readableBytes(), StandardCharsets.ISO_8859_1);
    out.addAll(parser.feed(text));
  }
}
