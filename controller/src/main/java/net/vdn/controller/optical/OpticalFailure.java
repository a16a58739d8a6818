package net.vdn.controller.optical;

import net.vdn.optical.OpticalException;

/** An optical device failed a change the controller asked for; nothing of the change is left. */
public class OpticalFailure extends RuntimeException {
  private final OpticalException.Kind kind;

  public OpticalFailure(OpticalException e) {
    super(e.getMessage(), e);
    this.kind = e.kind();
  }

  public OpticalException.Kind kind() {
    return kind;
  }
}
