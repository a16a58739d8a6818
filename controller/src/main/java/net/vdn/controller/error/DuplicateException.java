package net.vdn.controller.error;

/** The thing to create exists already, differently (the REST API answers it with 409). */
public class DuplicateException extends RuntimeException {
  public DuplicateException(String message) {
    super(message);
  }
}
