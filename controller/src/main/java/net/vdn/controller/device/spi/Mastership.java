package net.vdn.controller.device.spi;

import java.util.List;
import java.util.function.Consumer;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * Which devices this controller may write to, and under which term: a cluster's mastership, as
 * providers follow it. The master of a device connects with an election id (P4Runtime) or a
 * generation id (OpenFlow) made from its term, which grows with every change of master, so a new
 * master always wins arbitration and a deposed one is refused by the device. Others connect as
 * backups (slaves) and keep their view of the device. A single controller masters every device
 * ({@link #SOLE}) with the providers' own fixed ids.
 */
public interface Mastership {
  /**
   * This controller's standing on a device.
   *
   * @param master whether it may write to the device
   * @param term the device's mastership term (0: no cluster)
   * @param backupId a number unique to this controller, below every term, to connect as backup
   */
  record Role(boolean master, long term, long backupId) {}

  /** One controller, master of every device. */
  Mastership SOLE =
      new Mastership() {
        @Override
        public Role role(String device) {
          return new Role(true, 0, 0);
        }

        @Override
        public List<SliceRule> wanted(String device) {
          return List.of();
        }

        @Override
        public void ready(String device, long term) {}

        @Override
        public void addListener(Consumer<String> changed) {}

        @Override
        public boolean clustered() {
          return false;
        }
      };

  Role role(String device);

  /**
   * What the device should hold beside the base rules, as the shared store says now: a new master
   * brings the device to exactly this (and the base rules) before it writes anything else.
   */
  List<SliceRule> wanted(String device);

  /** The master reports a device reconciled and writable at a term. */
  void ready(String device, long term);

  /**
   * A backup's word that the device's switch no longer has the master at the current term as its
   * primary (the switch told its other clients that the master's stream ended): the cluster may
   * then confirm the master's death with a shorter look at its heartbeat than the failure timeout.
   * Nothing is taken on this word alone.
   */
  default void suspect(String device) {}

  /** Hears the devices whose role changed here (on the cluster's thread; hand the work off). */
  void addListener(Consumer<String> changed);

  /** Whether devices are shared with other controllers (false for {@link #SOLE}). */
  boolean clustered();
}
