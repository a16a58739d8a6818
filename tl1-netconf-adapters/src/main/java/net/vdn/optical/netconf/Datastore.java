package net.vdn.optical.netconf;

/** The configuration datastores of RFC 6241. */
public enum Datastore {
  RUNNING("running"),
  CANDIDATE("candidate"),
  STARTUP("startup");

  private final String element;

  Datastore(String element) {
    this.element = element;
  }

  /** The element's local name in requests ({@code <running/>}). */
  public String element() {
    return element;
  }
}
