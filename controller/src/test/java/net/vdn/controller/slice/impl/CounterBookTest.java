package net.vdn.controller.slice.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.vdn.controller.device.SliceCounters;
import org.junit.jupiter.api.Test;

class CounterBookTest {
  private final CounterBook book = new CounterBook();

  private static SliceCounters c(long packets) {
    return new SliceCounters(packets, packets * 100, packets, packets * 100, 0, 0);
  }

  private long total(List<String> on, Map<String, SliceCounters> now, Map<String, Long> losses) {
    return book.account("a", on, now, losses).counters().ingressPackets();
  }

  @Test
  void aSliceCountsWhatItsDevicesCount() {
    book.open("a", SliceCounters.ZERO);
    assertThat(total(List.of("s1", "s2"), Map.of("s1", c(10), "s2", c(7)), Map.of())).isEqualTo(17);
    assertThat(total(List.of("s1", "s2"), Map.of("s1", c(12), "s2", c(9)), Map.of())).isEqualTo(21);
  }

  @Test
  void aDeviceThatRestartsDoesNotTakeTheSlicesCountWithIt() {
    book.open("a", SliceCounters.ZERO);
    total(List.of("s1"), Map.of("s1", c(100)), Map.of("s1", 1L));
    // s1 restarted: it lost its state (one more loss) and counts from zero again; here it has
    // already counted past what it had before, which only the loss count reveals.
    CounterBook.Total t = book.account("a", List.of("s1"), Map.of("s1", c(150)), Map.of("s1", 2L));
    assertThat(t.counters().ingressPackets()).isEqualTo(250);
    assertThat(t.baseChanged()).isTrue();
    assertThat(t.base().ingressPackets()).isEqualTo(100);
    // A count that falls is a restart too, whatever the loss count says.
    assertThat(total(List.of("s1"), Map.of("s1", c(3)), Map.of("s1", 2L))).isEqualTo(253);
    assertThat(total(List.of("s1"), Map.of("s1", c(5)), Map.of("s1", 2L))).isEqualTo(255);
  }

  @Test
  void aDeviceThatCannotBeReadCountsWhatItLastCounted() {
    book.open("a", SliceCounters.ZERO);
    total(List.of("s1", "s2"), Map.of("s1", c(10), "s2", c(5)), Map.of());
    assertThat(total(List.of("s1", "s2"), Map.of("s1", c(11)), Map.of())).isEqualTo(16);
  }

  @Test
  void devicesASliceLeavesKeepTheirCountsInTheSlice() {
    book.open("a", SliceCounters.ZERO);
    total(List.of("s1", "s2"), Map.of("s1", c(10), "s2", c(5)), Map.of());
    assertThat(book.left("a", List.of("s2")).ingressPackets()).isEqualTo(5);
    assertThat(total(List.of("s1", "s3"), Map.of("s1", c(12), "s3", c(1)), Map.of())).isEqualTo(18);
    // A reading of s2 taken before it left is ignored.
    assertThat(total(List.of("s1", "s3"), Map.of("s1", c(12), "s2", c(9), "s3", c(1)), Map.of()))
        .isEqualTo(18);
  }

  @Test
  void aSliceTakenBackAfterARestartStartsFromItsStoredBase() {
    book.open("a", c(1000));
    assertThat(total(List.of("s1"), Map.of("s1", c(4)), Map.of())).isEqualTo(1004);
    book.close("a");
    book.open("a", SliceCounters.ZERO);
    assertThat(total(List.of("s1"), Map.of("s1", c(4)), Map.of())).as("re-created").isEqualTo(4);
  }
}
