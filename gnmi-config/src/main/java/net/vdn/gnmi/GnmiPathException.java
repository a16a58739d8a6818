package net.vdn.gnmi;

/** A path string or path element that is not well formed; names the position of the fault. */
public final class GnmiPathException extends GnmiException {
  private final String path;
  private final int position;

  public GnmiPathException(String path, int position, String problem) {
    super(problem + " at position " + position + " in path '" + path + "'");
    this.path = path;
    this.position = position;
  }

  /** A fault in a path built element by element rather than parsed. */
  public GnmiPathException(String problem) {
    super(problem);
    this.path = null;
    this.position = -1;
  }

  /** The text that was parsed, or null for a path built element by element. */
  public String path() {
    return path;
  }

  /** Index (from 0) of the character where the fault was found; -1 when not parsed. */
  public int position() {
    return position;
  }
}
