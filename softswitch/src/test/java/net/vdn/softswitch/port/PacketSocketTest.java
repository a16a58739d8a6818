package net.vdn.softswitch.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacketSocketTest {
  @Test
  void putsATagBackAfterTheSourceMac() {
    byte[] untagged = TestFrames.frame(4, 1);
    byte[] tagged =
        PacketSocket.withTag(MemorySegment.ofArray(untagged), untagged.length, 0x88a8, 0xe00f);
    assertThat(tagged).isEqualTo(TestFrames.frame(4, 1, 0x88a8, 0xe00f));
  }

  @Test
  void refusesAnInterfaceThatDoesNotExistNamingIt() {
    assumeTrue(
        LinuxInterfacePort.unsupportedReason() == null, LinuxInterfacePort.unsupportedReason());
    assertThatThrownBy(() -> PacketSocket.open("vifnosuch0", Duration.ofMillis(100)))
        .isInstanceOf(IOException.class)
        .hasMessage("interface vifnosuch0: no such interface: No such device (errno 19)");
    assertThatThrownBy(() -> LinuxInterfacePort.open(3, "vifnosuch0", (p, f) -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("vifnosuch0");
  }

  @Test
  void refusesWhatCannotBeAnInterfaceName() {
    assertThatThrownBy(() -> PacketSocket.open("a-name-far-too-long", Duration.ofMillis(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a-name-far-too-long");
  }
}
