package net.vdn.ptf.slicing;

import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.bmv2.Bmv2Container;
import net.vdn.ptf.bmv2.RequiresBmv2Image;
import org.junit.jupiter.api.Nested;

/**
 * The slicing suites on BMv2 in a container (the image is a setting, see {@link
 * net.vdn.ptf.bmv2.Bmv2Image}), where a Docker engine runs and the image is present or pullable.
 */
@RequiresBmv2Image
class SlicingPipelineBmv2ContainerTest {
  static final DataplaneTarget.Factory CONTAINER =
      () ->
          new Bmv2Container(
              SlicingPipelineSuite.resource("slicing.json"), SlicingPipelineSuite.PORTS);

  @Nested
  class Classification extends ClassificationSuite {
    Classification() {
      super(CONTAINER);
    }
  }

  @Nested
  class Forwarding extends ForwardingSuite {
    Forwarding() {
      super(CONTAINER);
    }
  }

  @Nested
  class PacketIo extends PacketIoSuite {
    PacketIo() {
      super(CONTAINER);
    }
  }

  @Nested
  class TaggingIsolation extends TaggingIsolationSuite {
    TaggingIsolation() {
      super(CONTAINER);
    }
  }

  @Nested
  class MeteringCounters extends MeteringCountersSuite {
    MeteringCounters() {
      super(CONTAINER);
    }
  }

  @Nested
  class Routing extends RoutingSuite {
    Routing() {
      super(CONTAINER);
    }
  }

  @Nested
  class CustomerVlan extends CustomerVlanSuite {
    CustomerVlan() {
      super(CONTAINER);
    }
  }
}
