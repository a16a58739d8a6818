package net.vdn.softswitch.port;

import static net.vdn.softswitch.port.TestFrames.frame;
import static net.vdn.softswitch.port.TestFrames.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import net.vdn.testsupport.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A switch port on one end of a veth pair ({@code a0}), the test on the other ({@code a1}) with a
 * packet socket of its own: what arrives reaches the switch whole, tags included; what the switch
 * sends leaves as it is; what leaves the interface does not come back in.
 */
class LinuxInterfacePortTest {
  private static final Duration TIMEOUT = Duration.ofMillis(100);

  private final LinuxLinks links = new LinuxLinks();
  private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
  private final BiConsumer<Integer, byte[]> deliver = (port, frame) -> delivered.add(frame);
  private String a0;
  private String a1;

  @BeforeEach
  void veths() throws Exception {
    String missing = LinuxLinks.missing("ip");
    assumeTrue(missing == null, missing);
    a0 = links.id + "a0";
    a1 = links.id + "a1";
    links.vethPair(a0, a1);
  }

  @AfterEach
  void removeVeths() {
    links.close();
  }

  @Test
  void tagsTheKernelTookOutAreBackInTheFramesTheSwitchGets() throws Exception {
    try (LinuxInterfacePort port = LinuxInterfacePort.open(1, a0, deliver);
        PacketSocket peer = PacketSocket.open(a1, TIMEOUT);
        PacketSocket watcher = PacketSocket.open(a0, TIMEOUT);
        PacketSocket.Reader watching = watcher.reader()) {
      byte[][] frames = {
        frame(46, 1, 0x8100, 0xa065), // 802.1Q, priority 5, VLAN 101
        frame(46, 2, 0x8100, 0x2000), // priority-tagged: VLAN 0, priority 1
        frame(46, 3, 0x88a8, 0x0007, 0x8100, 0x0065), // 802.1ad S-tag 7 over C-tag 101
        frame(46, 4) // untagged
      };
      for (int i = 0; i < frames.length; i++) {
        peer.send(frames[i]);
        assertThat(next(delivered, 2000)).as("frame %d", i).isEqualTo(frames[i]);
      }
      assertThat(port.framesReceived()).isEqualTo(frames.length);
      assertThat(port.receiveErrors()).isZero();

      // Without putting it back: the kernel hands the first frame over without its tag.
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (!(watching.next() && TestFrames.fromTest(watching.bytesAsReceived()))) {
        assertThat(System.nanoTime()).as("the watcher saw the first frame").isLessThan(deadline);
      }
      assertThat(watching.tagStripped()).isTrue();
      assertThat(watching.tci()).isEqualTo(0xa065);
      assertThat(watching.tpid()).isEqualTo(0x8100);
      byte[] untagged = watching.bytesAsReceived();
      assertThat(untagged).hasSize(frames[0].length - 4);
      assertThat(Arrays.copyOfRange(untagged, 12, 14)).containsExactly(0x88, 0xb5);
    }
  }

  @Test
  void aBurstComesThroughWholeAndInOrderWithEachFramesOwnTag() throws Exception {
    try (LinuxInterfacePort port = LinuxInterfacePort.open(1, a0, deliver);
        PacketSocket peer = PacketSocket.open(a1, TIMEOUT)) {
      // Sent 32 to a call, faster than the port reads them: its reader takes many frames a call,
      // and each must come with its own length and tag, not a neighbour's.
      java.util.List<byte[]> frames = new java.util.ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        frames.add(
            switch (i % 3) {
              case 0 -> frame(46 + i % 50, i);
              case 1 -> frame(46, i, 0x8100, i % 4095 + 1);
              default -> frame(60 + i % 7, i, 0x88a8, 7, 0x8100, i % 4095 + 1);
            });
      }
      assertThat(peer.send(frames)).isEqualTo(frames.size());
      for (int i = 0; i < frames.size(); i++) {
        assertThat(next(delivered, 2000)).as("frame %d", i).isEqualTo(frames.get(i));
      }
      assertThat(port.framesReceived()).isEqualTo(frames.size());
      assertThat(port.receiveErrors()).isZero();
    }
  }

  @Test
  void taggedFramesTheSwitchSendsLeaveTagged() throws Exception {
    try (LinuxInterfacePort port = LinuxInterfacePort.open(1, a0, deliver);
        PacketSocket peer = PacketSocket.open(a1, TIMEOUT);
        PacketSocket.Reader reading = peer.reader()) {
      byte[] tagged = frame(46, 9, 0x8100, 0x0065);
      port.send(tagged);
      assertThat(next(reading, 2000)).isEqualTo(tagged);
      // It was in the bytes on the wire: the receiving kernel found it there and took it out.
      assertThat(reading.tagStripped()).isTrue();
      assertThat(reading.tci()).isEqualTo(0x0065);
      assertThat(reading.length()).isEqualTo(tagged.length - 4);
      assertThat(port.framesSent()).isEqualTo(1);
    }
  }

  @Test
  void framesLeavingTheInterfaceAreNotTakenForArrivingOnes() throws Exception {
    try (LinuxInterfacePort port = LinuxInterfacePort.open(1, a0, deliver);
        PacketSocket other = PacketSocket.open(a0, TIMEOUT);
        PacketSocket peer = PacketSocket.open(a1, TIMEOUT);
        PacketSocket.Reader reading = peer.reader()) {
      byte[] ours = frame(46, 1);
      byte[] someoneElses = frame(46, 2);
      byte[] arriving = frame(46, 3);
      port.send(ours);
      other.send(someoneElses); // another socket on a0: the port's socket sees it as outgoing
      assertThat(next(reading, 2000)).isEqualTo(ours);
      assertThat(next(reading, 2000)).isEqualTo(someoneElses);
      peer.send(arriving);
      // The kernel shows a socket what leaves before it returns from the send, so the two frames
      // that left would be in the queue before the one that arrived.
      assertThat(next(delivered, 2000)).isEqualTo(arriving);
      assertThat(next(delivered, 300)).isNull();
      assertThat(port.framesReceived()).isEqualTo(1);
    }
  }

  @Test
  void jumboFramesComeThroughWholeAndLongerOnesAreCountedNotDelivered() throws Exception {
    for (String end : new String[] {a0, a1}) {
      Programs.run("ip", "link", "set", end, "mtu", "9500");
    }
    try (LinuxInterfacePort port = LinuxInterfacePort.open(1, a0, deliver);
        PacketSocket peer = PacketSocket.open(a1, TIMEOUT)) {
      byte[] tooLong = frame(9216 - 14 + 1, 1);
      byte[] jumbo = frame(9216 - 14, 2, 0x8100, 0x0065); // 9216 bytes once its tag is out
      peer.send(tooLong);
      peer.send(jumbo);
      byte[] got = next(delivered, 2000);
      assertThat(got).hasSize(9216 + 4).isEqualTo(jumbo);
      assertThat(port.receiveErrors()).isEqualTo(1);
      port.send(jumbo);
      assertThat(port.framesSent()).isEqualTo(1);
      port.send(frame(9300, 3));
      assertThat(port.sendErrors()).isEqualTo(1);
    }
  }

  @Test
  void closingEndsTheReceiveThreadAndLaterSendsAreDropped() throws Exception {
    LinuxInterfacePort port = LinuxInterfacePort.open(7, a0, deliver);
    String thread = "port-7-" + a0;
    assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals(thread));
    port.close();
    assertThat(port.isOpen()).isFalse();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(thread));
    port.send(frame(46, 1));
    assertThat(port.framesSent()).isZero();
    assertThat(port.sendErrors()).isZero();
    port.close();
  }
}
