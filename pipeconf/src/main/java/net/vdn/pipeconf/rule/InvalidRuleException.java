package net.vdn.pipeconf.rule;

/** A slice rule that is malformed, or that the pipeline cannot express; the message says why. */
public final class InvalidRuleException extends IllegalArgumentException {
  public InvalidRuleException(String message) {
    super(message);
  }
}
