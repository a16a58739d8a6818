package net.vdn.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test class or method, naming the program and how to get it, when an external program it
 * needs is not found (as {@link Programs#find} looks for it).
 *
 * <pre>{@code
 * @RequiresBinary(value = "socat", howToGet = "install socat (Debian package socat)")
 * class RelayTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBinary.Condition.class)
public @interface RequiresBinary {
  /** The program's name. */
  String value();

  /** How a user gets it. */
  String howToGet();

  /** Evaluates {@link RequiresBinary} on the test's class or method. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return AnnotationSupport.findAnnotation(context.getElement(), RequiresBinary.class)
          .map(Condition::evaluate)
          .orElse(ConditionEvaluationResult.enabled("no requirement"));
    }

    static ConditionEvaluationResult evaluate(RequiresBinary r) {
      return Programs.onPath(r.value())
          ? ConditionEvaluationResult.enabled(r.value() + " found")
          : ConditionEvaluationResult.disabled(r.value() + " is not on PATH: " + r.howToGet());
    }
  }
}
