package net.vdn.ptf.slicing;

import net.vdn.ptf.DataplaneTarget;
import net.vdn.ptf.bmv2.Bmv2Switch;
import net.vdn.testsupport.RequiresBinary;
import org.junit.jupiter.api.Nested;

/** The slicing suites on BMv2 {@code simple_switch_grpc}, one switch per suite. */
@RequiresBinary(
    value = Bmv2Switch.BINARY,
    howToGet = "build BMv2 (p4lang/behavioral-model) with --with-pi and put it on PATH")
class SlicingPipelineBmv2Test {
  static final DataplaneTarget.Factory BMV2 =
      () ->
          Bmv2Switch.start(
              SlicingPipelineSuite.resource("slicing.json"), SlicingPipelineSuite.PORTS);

  @Nested
  class Classification extends ClassificationSuite {
    Classification() {
      super(BMV2);
    }
  }

  @Nested
  class Forwarding extends ForwardingSuite {
    Forwarding() {
      super(BMV2);
    }
  }

  @Nested
  class PacketIo extends PacketIoSuite {
    PacketIo() {
      super(BMV2);
    }
  }

  @Nested
  class TaggingIsolation extends TaggingIsolationSuite {
    TaggingIsolation() {
      super(BMV2);
    }
  }

  @Nested
  class MeteringCounters extends MeteringCountersSuite {
    MeteringCounters() {
      super(BMV2);
    }
  }

  @Nested
  class Routing extends RoutingSuite {
    Routing() {
      super(BMV2);
    }
  }

  @Nested
  class CustomerVlan extends CustomerVlanSuite {
    CustomerVlan() {
      super(BMV2);
    }
  }
}
