package net.vdn.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesRequest;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;
import org.projectfloodlight.openflow.types.MacAddress;
import org.projectfloodlight.openflow.types.OFPort;

/** A switch played by the test over a plain socket, message by message. */
final class FakeSwitch implements AutoCloseable {
  static final OFFactory OF = OFFactories.getFactory(OFVersion.OF_13);

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  FakeSwitch(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void send(OFMessage m) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    m.writeTo(buf);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    sendRaw(bytes);
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next whole frame from the controller, as bytes. */
  byte[] receiveRaw() throws IOException {
    byte[] header = new byte[8];
    in.readFully(header);
    int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
    byte[] frame = new byte[length];
    System.arraycopy(header, 0, frame, 0, 8);
    in.readFully(frame, 8, length - 8);
    return frame;
  }

  OFMessage receive() throws Exception {
    return OFFactories.getGenericReader().readFrom(Unpooled.wrappedBuffer(receiveRaw()));
  }

  /** Receives until a message of the given class arrives (answering echo requests). */
  <T extends OFMessage> T receive(Class<T> type) throws Exception {
    while (true) {
      OFMessage m = receive();
      if (type.isInstance(m)) {
        return type.cast(m);
      }
      if (m instanceof org.projectfloodlight.openflow.protocol.OFEchoRequest echo) {
        send(OF.buildEchoReply().setXid(echo.getXid()).setData(echo.getData()).build());
      }
    }
  }

  /** Plays the switch's side of the handshake: HELLO, FEATURES_REPLY and one port. */
  void handshake(long dpid) throws Exception {
    receiveRaw(); // the controller's HELLO
    send(OF.buildHello().setXid(1).build());
    OFFeaturesRequest features = receive(OFFeaturesRequest.class);
    send(
        OF.buildFeaturesReply()
            .setXid(features.getXid())
            .setDatapathId(DatapathId.of(dpid))
            .setNTables((short) 4)
            .build());
    OFPortDescStatsRequest ports = receive(OFPortDescStatsRequest.class);
    send(
        OF.buildPortDescStatsReply()
            .setXid(ports.getXid())
            .setEntries(
                List.of(
                    OF.buildPortDesc()
                        .setPortNo(OFPort.of(1))
                        .setName("eth1")
                        .setHwAddr(MacAddress.of("02:00:00:00:00:01"))
                        .setCurrSpeed(1_000_000)
                        .build(),
                    OF.buildPortDesc()
                        .setPortNo(OFPort.LOCAL)
                        .setName("local")
                        .setHwAddr(MacAddress.of("02:00:00:00:00:ff"))
                        .build()))
            .build());
  }

  /** True when the controller closed the connection within the socket timeout. */
  boolean closedByPeer() throws IOException {
    try {
      while (true) {
        receiveRaw();
      }
    } catch (java.io.EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
