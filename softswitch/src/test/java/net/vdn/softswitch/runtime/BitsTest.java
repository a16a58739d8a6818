package net.vdn.softswitch.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitsTest {
  @Test
  void unalignedReadsAndWritesRoundTrip() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      byte[] before = b.clone();
      int width = 1 + random.nextInt(64);
      int offset = random.nextInt(24 * 8 - width);
      long v = random.nextLong() & Bits.mask(width);
      Bits.set(b, offset, width, v);
      assertThat(Bits.get(b, offset, width)).isEqualTo(v);
      for (int bit = 0; bit < 24 * 8; bit++) {
        if (bit < offset || bit >= offset + width) {
          assertThat(Bits.get(b, bit, 1)).isEqualTo(Bits.get(before, bit, 1));
        }
      }
    }
  }

  @Test
  void wideFieldsSplitIntoLeastSignificantWordFirst() {
    byte[] b = new byte[17];
    for (int i = 0; i < 16; i++) {
      b[i] = (byte) (i + 1);
    }
    long[] words = new long[2];
    Bits.getWords(b, 0, 128, words, 0);
    assertThat(words[0]).isEqualTo(0x090a0b0c0d0e0f10L);
    assertThat(words[1]).isEqualTo(0x0102030405060708L);
    byte[] out = new byte[16];
    Bits.wordsToBytes(words, 0, 128, out, 0);
    assertThat(out).isEqualTo(java.util.Arrays.copyOf(b, 16));
  }
}
