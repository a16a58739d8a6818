package net.vdn.ptf.slicing;

import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.bmv2.Bmv2Container;
import org.junit.jupiter.api.Nested;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The slicing suites on BMv2 in its p4lang container, where a Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
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
