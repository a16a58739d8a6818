package net.vdn.p4runtime.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips a test class, saying so, when an external program it needs is not on PATH. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBinary.Condition.class)
public @interface RequiresBinary {
  /** The program's name. */
  String value();

  /** How a user gets it. */
  String howToGet();

  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return AnnotationSupport.findAnnotation(context.getElement(), RequiresBinary.class)
          .map(
              r ->
                  Tools.onPath(r.value())
                      ? ConditionEvaluationResult.enabled(r.value() + " found")
                      : ConditionEvaluationResult.disabled(
                          r.value() + " is not on PATH: " + r.howToGet()))
          .orElse(ConditionEvaluationResult.enabled("no requirement"));
    }
  }
}
