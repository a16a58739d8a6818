package net.vdn.controller.topology;

/**
 * Where the links a controller discovers are shared with the other controllers of a cluster (each
 * controller hears LLDP only from the devices it masters). A controller alone keeps its links to
 * itself ({@link #LOCAL}).
 */
public interface LinkStore {
  /** What the others discovered, as it comes and goes (this controller's own included). */
  interface Listener {
    void added(Link link);

    void removed(Link link);
  }

  /** A controller alone: nothing is shared. */
  LinkStore LOCAL =
      new LinkStore() {
        @Override
        public void put(Link link) {}

        @Override
        public void remove(Link link) {}

        @Override
        public void addListener(Listener listener) {}
      };

  /** A link direction was discovered (or changed) here. */
  void put(Link link);

  /** A link direction is gone. */
  void remove(Link link);

  /** Hears every link direction put and removed (on the store's thread: hand the work off). */
  void addListener(Listener listener);

  /**
   * Whether probes leave this device now (in a cluster: its master is alive and has it reconciled).
   * A link from a device nobody probes is not aged: its probes are not missing, nobody sends them
   * (while its master fails over, say).
   */
  default boolean probed(String device) {
    return true;
  }
}
