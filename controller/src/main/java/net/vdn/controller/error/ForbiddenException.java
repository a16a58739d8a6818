package net.vdn.controller.error;

/**
 * A known caller asking for what its role or its grants do not allow (the REST API answers it with
 * 403, naming the field at fault when there is one).
 */
public class ForbiddenException extends RuntimeException {
  private final String field;

  public ForbiddenException(String field, String message) {
    super(message);
    this.field = field;
  }

  public ForbiddenException(String message) {
    this(null, message);
  }

  /** The request's field that is not allowed, or null. */
  public String field() {
    return field;
  }
}
