package net.vdn.ptf.bmv2;

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
 * Skips a test class that runs BMv2 containers, naming what is missing, when no Docker engine
 * answers or the configured {@link Bmv2Image} is neither present locally nor pullable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBmv2Image.Condition.class)
public @interface RequiresBmv2Image {

  /** Evaluates {@link RequiresBmv2Image} on the test's class. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (!AnnotationSupport.isAnnotated(context.getElement(), RequiresBmv2Image.class)) {
        return ConditionEvaluationResult.enabled("no requirement");
      }
      return Bmv2Image.unavailable()
          .map(ConditionEvaluationResult::disabled)
          .orElseGet(
              () -> ConditionEvaluationResult.enabled(Bmv2Image.configured().name() + " is here"));
    }
  }
}
