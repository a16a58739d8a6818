package net.vdn.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  @Test
  void macAddressesReadAndWriteInEveryForm() {
    MacAddress m = MacAddress.parse("00:1B-0a:ff:00:01".replace('-', ':'));
    assertThat(m.toString()).isEqualTo("00:1b:0a:ff:00:01");
    assertThat(MacAddress.parse("00-1b-0a-ff-00-01")).isEqualTo(m);
    assertThat(MacAddress.of(m.bytes())).isEqualTo(m);
    assertThat(m.bytes()).containsExactly(0x00, 0x1b, 0x0a, 0xff, 0x00, 0x01);
    assertThat(MacAddress.BROADCAST.isMulticast()).isTrue();
    assertThat(m.isMulticast()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "00:11:22:33:44",
        "00:11:22:33:44:55:66",
        "0g:11:22:33:44:55",
        "00:11-22:33:44:55",
        "001122334455",
        "00:11:22:33:44:5",
        " 0:11:22:33:44:55"
      })
  void malformedMacAddressesAreRefused(String text) {
    assertThatThrownBy(() -> MacAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a MAC address");
    assertThat(MacAddress.isValid(text)).isFalse();
  }

  @Test
  void ipv4AddressesReadAndWrite() {
    Ipv4Address a = Ipv4Address.parse("10.0.255.1");
    assertThat(a.toString()).isEqualTo("10.0.255.1");
    assertThat(a.unsigned()).isEqualTo(0x0a00ff01L);
    assertThat(Ipv4Address.of(a.bytes(), 0)).isEqualTo(a);
    assertThat(Ipv4Address.parse("255.255.255.255").unsigned()).isEqualTo(0xffffffffL);
    assertThat(Ipv4Address.parse("10.0.0.2")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
    assertThat(Ipv4Address.parse("200.0.0.1")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1..2.3",
        "1.2.3.-4",
        "a.b.c.d",
        "1.2.3.4 ",
        "0001.2.3.4",
        "localhost"
      })
  void malformedIpv4AddressesAreRefused(String text) {
    assertThatThrownBy(() -> Ipv4Address.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IPv4 address");
  }
}
