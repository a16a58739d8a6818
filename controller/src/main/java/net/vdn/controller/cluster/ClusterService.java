package net.vdn.controller.cluster;

import java.util.List;

/**
 * The cluster as the northbound sees it: its members, and which devices each masters at which term.
 * A single controller is a cluster of one that masters every device.
 */
public interface ClusterService {
  /** One member of the cluster. */
  record Member(String name, String api, boolean self, boolean alive, List<String> devices) {
    public Member {
      devices = List.copyOf(devices);
    }
  }

  /**
   * One device's master.
   *
   * @param term the mastership term: grows with every change of master, and is the master's
   *     P4Runtime election id and OpenFlow generation id
   * @param ready whether the master has reconciled it and writes to it at this term
   */
  record Mastership(String device, String master, long term, boolean ready) {}

  /**
   * What one controller knows of the cluster now.
   *
   * @param mode {@code standalone} (one controller, its own store) or {@code etcd}
   * @param store where the state is shared, or the trouble reaching it
   */
  record View(
      String mode,
      String self,
      String store,
      boolean storeAvailable,
      List<Member> members,
      List<Mastership> masters,
      long mastershipChanges) {
    public View {
      members = List.copyOf(members);
      masters = List.copyOf(masters);
    }
  }

  View view();

  /**
   * What metrics count.
   *
   * @param mastershipChanges changes of a device's master this controller saw
   * @param storeCalls calls to the shared store that went through
   * @param storeSeconds the time those calls took, in all
   */
  record Stats(long mastershipChanges, long storeCalls, double storeSeconds) {}

  Stats stats();

  /** A controller alone, master of every device, its state in its own store. */
  static ClusterService standalone(java.util.function.Supplier<List<String>> devices) {
    return new ClusterService() {
      @Override
      public View view() {
        List<String> all = devices.get();
        return new View(
            "standalone",
            "local",
            "its own store",
            true,
            List.of(new Member("local", null, true, true, all)),
            all.stream().map(d -> new Mastership(d, "local", 0, true)).toList(),
            0);
      }

      @Override
      public Stats stats() {
        return new Stats(0, 0, 0);
      }
    };
  }
}
