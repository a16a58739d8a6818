package net.vdn.ptf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import net.vdn.ptf.packet.PacketBuilder;
import org.junit.jupiter.api.Test;

class MaskAndDataplaneTest {
  private static final PacketBuilder IP =
      PacketBuilder.ethernet("00:00:00:00:00:02", "00:00:00:00:00:01")
          .ipv4("10.0.0.1", "10.0.0.2")
          .udp(1, 2)
          .payloadLength(8);

  @Test
  void ignoredTtlAndChecksumMatchAnyValue() {
    byte[] expected = IP.copy().ttl(64).build();
    byte[] got = IP.copy().ttl(12).build();
    assertThat(Mask.exact(expected).matches(got)).isFalse();
    assertThat(Mask.exact(expected).ignoreIpv4Ttl().ignoreIpv4Checksum().matches(got)).isTrue();
    assertThat(Mask.exact(expected).ignoreIpv4Ttl().matches(got)).isFalse();
  }

  @Test
  void mismatchNamesTheFirstDifferingByteAndShowsBothFrames() {
    byte[] expected = IP.copy().ttl(64).build();
    byte[] got = IP.copy().ttl(63).build();
    String message = Mask.exact(expected).describeMismatch(got);
    assertThat(message)
        .contains("first difference at byte 22 (0x0016): expected 40, got 3f")
        .contains("expected: 00 00 00 00 00 02")
        .contains("got:      00 00 00 00 00 02");
    assertThat(Mask.exact(expected).describeMismatch(new byte[] {0}))
        .contains("expected " + expected.length + " bytes, got 1");
  }

  /** A target that sends back every frame it is given, out of the next port up. */
  private static final class Reflector implements DataplaneTarget {
    private Consumer<ReceivedFrame> sink;

    @Override
    public String p4runtimeAddress() {
      return "none";
    }

    @Override
    public long deviceId() {
      return 1;
    }

    @Override
    public int cpuPort() {
      return 255;
    }

    @Override
    public void receive(Consumer<ReceivedFrame> sink) {
      this.sink = sink;
    }

    @Override
    public void send(int port, byte[] frame) {
      sink.accept(new ReceivedFrame(port + 1, frame));
    }

    @Override
    public void close() {}
  }

  @Test
  void expectationsTakeFramesOfTheirPortInOrder() {
    Dataplane dp = new Dataplane(new Reflector());
    byte[] first = IP.copy().ttl(1).build();
    byte[] second = IP.copy().ttl(2).build();
    dp.send(1, first);
    dp.send(1, second);
    dp.send(4, first);
    dp.expectPacket(5, first);
    dp.expectPacket(2, first);
    dp.expectPacket(2, second);
    dp.expectNoPacket();
  }

  @Test
  void failuresSayWhatWasExpectedAndWhatCame() {
    Dataplane dp = new Dataplane(new Reflector());
    byte[] frame = IP.build();
    dp.send(1, frame);
    assertThatThrownBy(() -> dp.expectNoPacket())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected no frame on any port, got port 2");
    dp.send(1, frame);
    assertThatThrownBy(() -> dp.expectPacket(2, IP.copy().ttl(9).build()))
        .hasMessageContaining("frame on port 2 differs: first difference at byte 22");
    dp.send(1, frame);
    assertThatThrownBy(() -> dp.expectPacket(3, Mask.exact(frame), java.time.Duration.ofMillis(50)))
        .hasMessageContaining("expected a frame on port 3 within 50 ms, got none")
        .hasMessageContaining("frames waiting on other ports:\n    port 2:");
  }
}
