package net.vdn.openflow.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import net.vdn.openflow.OpenFlowError;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into OpenFlow messages by their header and decodes each: a HELLO into
 * {@link Hello}, an ERROR into {@link OpenFlowError}, anything else with openflowj. A header that
 * cannot start an OpenFlow message (unknown version, length under 8) raises {@link
 * BadFrameException}: the stream cannot be resynchronised, so the channel is closed. A well-framed
 * message openflowj cannot decode is logged and skipped.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
  static final int HEADER = 8;
  private static final int TYPE_ERROR = 1;
  private static final int MAX_WIRE_VERSION = 6;

  private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();
  private boolean failed;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < HEADER) {
      return;
    }
    int start = in.readerIndex();
    int version = in.getUnsignedByte(start);
    int type = in.getUnsignedByte(start + 1);
    int length = in.getUnsignedShort(start + 2);
    long xid = in.getUnsignedInt(start + 4);
    if (version < 1 || version > MAX_WIRE_VERSION) {
      throw fail(
          in,
          String.format(
              "not an OpenFlow header: version byte 0x%02x (first bytes %s)",
              version, hex(in, start, Math.min(in.readableBytes(), 16))));
    }
    if (length < HEADER) {
      throw fail(in, "not an OpenFlow header: length " + length + " is under the 8-byte header");
    }
    if (in.readableBytes() < length) {
      return;
    }
    ByteBuf frame = in.readSlice(length);
    if (type == Hello.TYPE) {
      try {
        out.add(Hello.parse(frame));
      } catch (BadFrameException e) {
        throw fail(in, e.getMessage());
      }
      return;
    }
    if (type == TYPE_ERROR) {
      if (length < HEADER + 4) {
        throw fail(in, "OFPT_ERROR of " + length + " bytes has no type and code");
      }
      out.add(
          ErrorNames.decode(
              frame.getUnsignedShort(frame.readerIndex() + 8),
              frame.getUnsignedShort(frame.readerIndex() + 10),
              xid));
      return;
    }
    try {
      out.add(reader.readFrom(frame));
    } catch (OFParseError | RuntimeException e) {
      log.warn(
          "skipped an OpenFlow {} message of type {} ({} bytes, xid {}) that cannot be decoded: {}",
          Hello.versionName(version),
          type,
          length,
          xid,
          e.getMessage());
    }
  }

  /** The stream cannot be resynchronised: the rest of it is dropped unread. */
  private BadFrameException fail(ByteBuf in, String message) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new BadFrameException(message);
  }

  private static String hex(ByteBuf in, int from, int count) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < count; i++) {
      s.append(String.format("%02x", in.getUnsignedByte(from + i)));
    }
    return s.toString();
  }
}
