package net.vdn.softswitch.extern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashAlgorithmTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crcsMatchTheirStandardCheckValues() {
    assertThat(HashAlgorithm.CRC16.compute(CHECK, CHECK.length)).isEqualTo(0xBB3D);
    assertThat(HashAlgorithm.CRC32.compute(CHECK, CHECK.length)).isEqualTo(0xCBF43926L);
  }

  @Test
  void internetChecksumOfAKnownIpv4Header() {
    byte[] header = {
      0x45,
      0x00,
      0x00,
      0x73,
      0x00,
      0x00,
      0x40,
      0x00,
      0x40,
      0x11,
      0x00,
      0x00,
      (byte) 0xc0,
      (byte) 0xa8,
      0x00,
      0x01,
      (byte) 0xc0,
      (byte) 0xa8,
      0x00,
      (byte) 0xc7
    };
    assertThat(HashAlgorithm.CSUM16.compute(header, header.length)).isEqualTo(0xb861);
  }

  @Test
  void identityAndXorWorkOnBigEndianWords() {
    byte[] b = {0x12, 0x34, 0x56, 0x78};
    assertThat(HashAlgorithm.IDENTITY.compute(b, 4)).isEqualTo(0x12345678L);
    assertThat(HashAlgorithm.XOR16.compute(b, 4)).isEqualTo(0x1234 ^ 0x5678);
    assertThat(HashAlgorithm.of("crc32_custom")).isNull();
  }
}
