package net.vdn.p4runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValueTest {
  @Test
  void stripsLeadingZerosToCanonicalForm() {
    assertThat(Value.of(new byte[] {0, 0, 1, 2}).toByteArray()).containsExactly(1, 2);
    assertThat(Value.of(new byte[] {0, 0, 1, 2})).isEqualTo(Value.of(0x0102));
  }

  @Test
  void zeroIsOneZeroByte() {
    assertThat(Value.of(new byte[0]).toByteArray()).containsExactly(0);
    assertThat(Value.of(new byte[] {0, 0, 0}).toByteArray()).containsExactly(0);
    assertThat(Value.of(0).isZero()).isTrue();
  }

  @Test
  void parsesMacAndIpLiterals() {
    assertThat(Value.mac("00:00:0a:0b:0c:0d").toByteArray())
        .containsExactly(0x0a, 0x0b, 0x0c, 0x0d);
    assertThat(Value.ip("10.0.0.1")).isEqualTo(Value.of(0x0a000001L));
    assertThat(Value.ip("::1")).isEqualTo(Value.of(1));
    assertThatThrownBy(() -> Value.ip("example.com")).hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> Value.mac("00:11")).hasMessageContaining("not a MAC address");
  }

  @Test
  void addressesAreParsedAsThePacketModuleParsesThem() {
    assertThat(Value.mac("00-00-0A-0b-0c-0d")).isEqualTo(Value.mac("00:00:0a:0b:0c:0d"));
    assertThatThrownBy(() -> Value.mac("00:00-0a:0b:0c:0d"))
        .hasMessageContaining("not a MAC address");
    assertThat(Value.ip("255.255.255.255")).isEqualTo(Value.of(0xffffffffL));
    // Short and hex-looking forms are refused, never resolved as host names.
    assertThatThrownBy(() -> Value.ip("10.1")).hasMessageContaining("not an IP address literal");
    assertThatThrownBy(() -> Value.ip("beef")).hasMessageContaining("not an IP address literal");
    assertThatThrownBy(() -> Value.ip("1::2::3")).hasMessageContaining("not an IP address literal");
  }

  @Test
  void checksWidths() {
    assertThat(Value.of(511).fits(9)).isTrue();
    assertThat(Value.of(512).fits(9)).isFalse();
    assertThat(Value.ones(128).bitLength()).isEqualTo(128);
    assertThat(Value.of(5).toPaddedBytes(16)).containsExactly(0, 5);
  }

  @Test
  void holdsWideValues() {
    BigInteger big = BigInteger.ONE.shiftLeft(127).add(BigInteger.TEN);
    assertThat(Value.of(big).toBigInteger()).isEqualTo(big);
    assertThat(Value.of(big).fits(128)).isTrue();
    assertThatThrownBy(() -> Value.of(big).toLong()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void refusesNegativeNumbers() {
    assertThatThrownBy(() -> Value.of(-1)).hasMessageContaining("unsigned");
  }
}
