package net.vdn.controller.slice.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import net.vdn.controller.slice.SliceStore.StoredSlice;
import net.vdn.pipeconf.rule.SliceRule;

/**
 * The masters of the devices a slice uses. A single controller masters every device itself ({@link
 * #NONE}); in a cluster, a device mastered by another controller is programmed by that master,
 * asked to move it from one version of the slice to another (it compiles them itself).
 */
public interface Masters {
  /**
   * Where a device is programmed from.
   *
   * @param member the controller that masters it (null in a single controller)
   * @param term its mastership term (0 in a single controller): the store's fence
   */
  record Placement(String member, long term, boolean local) {}

  /** What this controller does for the others: programs its devices, tells what they hold. */
  interface Handler {
    /** Moves one of this controller's devices from one version of a slice to another. */
    void move(String device, StoredSlice before, StoredSlice after);

    /** What a device should hold beside the base rules: every stored slice's rules on it. */
    List<SliceRule> rulesFor(String device);
  }

  /** One controller: every device is its own. */
  Masters NONE =
      new Masters() {
        @Override
        public Map<String, Placement> place(Collection<String> devices) {
          Map<String, Placement> out = new java.util.LinkedHashMap<>();
          devices.forEach(d -> out.put(d, new Placement(null, 0, true)));
          return out;
        }

        @Override
        public Map<String, RuntimeException> program(
            String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
          throw new IllegalStateException("a single controller has no other masters");
        }

        @Override
        public void serve(Handler handler) {}

        @Override
        public boolean leads(String device) {
          return true;
        }

        @Override
        public boolean clustered() {
          return false;
        }
      };

  /** Where each device is programmed from, now. */
  Map<String, Placement> place(Collection<String> devices);

  /**
   * Asks the masters of {@code remote} devices to move them from {@code before} to {@code after}
   * (null: the slice is not there), all at once, and waits for every answer. Returns each device's
   * refusal (devices that answered with success are absent): a device that was changed stays
   * changed, and the caller takes it back.
   */
  Map<String, RuntimeException> program(
      String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote);

  /**
   * A request to the masters of other devices made ready before the slice is admitted, so that it
   * can be written in the admission's own transaction where the store can do so: those masters then
   * start as soon as the slice is admitted.
   */
  interface Asking {
    /** Runs the admission, the request going with it where the store can take it. */
    <T> T admitting(java.util.function.Supplier<T> admission);

    /**
     * Sends the request if the admission did not, and waits for every answer, as {@link #program}
     * does. Once only, after an admission that succeeded.
     */
    Map<String, RuntimeException> answers();

    /**
     * The admission failed: forgets the request, and takes back what it may have changed if the
     * admission's outcome is not known.
     */
    void drop();
  }

  /**
   * Makes ready the request {@link #program} would send now, to be sent with the admission that
   * follows. By default nothing goes with the admission: the request is sent on its own.
   */
  default Asking ask(
      String slice, StoredSlice before, StoredSlice after, Map<String, Placement> remote) {
    return new Asking() {
      @Override
      public <T> T admitting(java.util.function.Supplier<T> admission) {
        return admission.get();
      }

      @Override
      public Map<String, RuntimeException> answers() {
        return program(slice, before, after, remote);
      }

      @Override
      public void drop() {}
    };
  }

  /** Serves the other controllers' requests with this handler (from now on). */
  void serve(Handler handler);

  /**
   * Whether this controller leads what happens to a slice rooted at {@code device} (its first
   * device by name) by itself: re-routing it, keeping its counters. One controller in a cluster
   * does: the device's master.
   */
  boolean leads(String device);

  boolean clustered();
}
