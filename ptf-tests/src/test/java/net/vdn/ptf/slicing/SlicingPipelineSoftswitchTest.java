package net.vdn.ptf.slicing;

import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.softswitch.SoftswitchDataplane;
import org.junit.jupiter.api.Nested;

/**
 * The slicing suites on the softswitch, the same ones BMv2 runs: the softswitch's fidelity is
 * checked by running them on both.
 */
class SlicingPipelineSoftswitchTest {
  static final DataplaneTarget.Factory SOFTSWITCH = SoftswitchDataplane::new;

  @Nested
  class Classification extends ClassificationSuite {
    Classification() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class Forwarding extends ForwardingSuite {
    Forwarding() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class PacketIo extends PacketIoSuite {
    PacketIo() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class TaggingIsolation extends TaggingIsolationSuite {
    TaggingIsolation() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class MeteringCounters extends MeteringCountersSuite {
    MeteringCounters() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class Routing extends RoutingSuite {
    Routing() {
      super(SOFTSWITCH);
    }
  }

  @Nested
  class CustomerVlan extends CustomerVlanSuite {
    CustomerVlan() {
      super(SOFTSWITCH);
    }
  }
}
