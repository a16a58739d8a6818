package net.vdn.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One call of BMv2's simple_switch Thrift service, spoken directly (binary protocol, buffered
 * transport, multiplexed service name), so the bench needs neither a Thrift library nor
 * simple_switch_CLI. Used only for what P4Runtime cannot set: the egress queue depth.
 */
final class Bmv2Thrift {
  private Bmv2Thrift() {}

  /** {@code SimpleSwitch.set_all_egress_queue_depths(depth)}; throws when BMv2 refuses. */
  static void setAllEgressQueueDepths(int thriftPort, int depth) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", thriftPort), 2000);
      s.setSoTimeout(5000);
      var out = new DataOutputStream(s.getOutputStream());
      byte[] name = "simple_switch:set_all_egress_queue_depths".getBytes(StandardCharsets.US_ASCII);
      out.writeInt(0x80010000 | 1); // strict binary protocol, CALL
      out.writeInt(name.length);
      out.write(name);
      out.writeInt(1); // sequence id
      out.writeByte(8); // field type i32
      out.writeShort(1); // field id 1: depth_pkts
      out.writeInt(depth);
      out.writeByte(0); // end of struct
      out.flush();
      var in = new DataInputStream(s.getInputStream());
      int header = in.readInt();
      byte[] reply = new byte[in.readInt()];
      in.readFully(reply);
      in.readInt(); // sequence id
      if ((header & 0xff) != 2) {
        throw new IOException("BMv2's Thrift server answered with message type " + (header & 0xff));
      }
    }
  }
}
