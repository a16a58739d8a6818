package net.vdn.controller.slice.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.vdn.controller.error.DeviceRefusedException;
import net.vdn.controller.error.DeviceUnavailableException;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.controller.slice.spi.Masters;
import net.vdn.pipeconf.rule.SliceRule;
import org.junit.jupiter.api.Test;

/**
 * A slice written across other masters that fails is taken back on every device that may have
 * changed: those that answered success, and those whose master could not say (unavailable: no
 * answer in time, gone, connection lost mid-write) — not those that refused the write itself.
 */
class SliceWriterRollbackTest {
  /** Masters that answer the first request with set refusals and record every request. */
  private static final class Answering implements Masters {
    final Map<String, RuntimeException> firstAnswer;
    final List<TreeSet<String>> asked = new ArrayList<>();

    Answering(Map<String, RuntimeException> firstAnswer) {
      this.firstAnswer = firstAnswer;
    }

    @Override
    public Map<String, Placement> place(Collection<String> devices) {
      Map<String, Placement> out = new LinkedHashMap<>();
      devices.forEach(d -> out.put(d, new Placement("c-" + d, 1, false)));
      return out;
    }

    @Override
    public Map<String, RuntimeException> program(
        String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
      asked.add(new TreeSet<>(remote.keySet()));
      return asked.size() == 1 ? firstAnswer : Map.of();
    }

    @Override
    public void serve(Handler handler) {}

    @Override
    public boolean leads(String device) {
      return false;
    }

    @Override
    public boolean clustered() {
      return true;
    }
  }

  private static Map<String, List<SliceRule>> rulesOn(String... devices) {
    Map<String, List<SliceRule>> out = new LinkedHashMap<>();
    for (String d : devices) {
      out.put(d, List.of(SliceRule.Classify.edge(1, 10)));
    }
    return out;
  }

  @Test
  void devicesWhoseOutcomeIsUnknownAreTakenBackWithThoseThatChanged() {
    Answering masters =
        new Answering(
            Map.of(
                "busan", new DeviceUnavailableException("controller c2 did not answer in time"),
                "daejeon", new DeviceRefusedException("device daejeon refused: full", null)));
    SliceWriter writer = new SliceWriter(new Programming(null), masters, null);

    assertThatThrownBy(
            () ->
                writer.move(
                    "s", null, Map.of(), null, rulesOn("seoul", "busan", "daejeon", "chicago")))
        .isInstanceOf(RuntimeException.class);

    assertThat(masters.asked).hasSize(2);
    assertThat(masters.asked.get(1)).as("taken back").containsExactly("busan", "chicago", "seoul");
  }
}
