package net.vdn.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;

class RequiresBinaryTest {
  @RequiresBinary(value = "sh", howToGet = "any POSIX system has one")
  void present() {}

  @RequiresBinary(value = "vdn-no-such-program", howToGet = "build it from vdn-tools")
  void missing() {}

  private static ConditionEvaluationResult evaluate(String method) throws Exception {
    Method m = RequiresBinaryTest.class.getDeclaredMethod(method);
    return RequiresBinary.Condition.evaluate(m.getAnnotation(RequiresBinary.class));
  }

  @Test
  void runsWhenTheProgramIsFound() throws Exception {
    ConditionEvaluationResult r = evaluate("present");
    assertThat(r.isDisabled()).isFalse();
    assertThat(r.getReason()).hasValue("sh found");
  }

  @Test
  void skipsNamingTheProgramAndHowToGetIt() throws Exception {
    ConditionEvaluationResult r = evaluate("missing");
    assertThat(r.isDisabled()).isTrue();
    assertThat(r.getReason())
        .hasValue("vdn-no-such-program is not on PATH: build it from vdn-tools");
  }

  @Test
  void theAnnotationRegistersTheCondition() {
    // JUnit applies the condition wherever the annotation is: it is meta-annotated with it (a
    // test skipped by it would be skipped in every run, so the wiring is checked instead).
    assertThat(RequiresBinary.class.getAnnotation(ExtendWith.class).value())
        .containsExactly(RequiresBinary.Condition.class);
  }
}
