package net.vdn.controller.path;

/** A slice the network cannot carry: no path has the capacity it asks for. */
public final class AdmissionException extends RuntimeException {
  public AdmissionException(String message) {
    super(message);
  }
}
