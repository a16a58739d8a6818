package net.vdn.controller.error;

/** The thing asked for does not exist (the REST API answers it with 404). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
