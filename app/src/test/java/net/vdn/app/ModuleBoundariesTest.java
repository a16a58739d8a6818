package net.vdn.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The modules' boundaries over every module's main code on the main job's class path: the
 * controller is a leaf only the main job and the benchmarks build on, and the libraries are used
 * through their public API.
 */
@AnalyzeClasses(packages = "net.vdn", importOptions = ModuleBoundariesTest.MainCodeOnly.class)
class ModuleBoundariesTest {
  /** Main classes only: no test classes, no modules' test jars. */
  static final class MainCodeOnly implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.contains("-tests.jar");
    }
  }

  @ArchTest
  static final ArchRule onlyTheMainJobAndTheBenchmarksDependOnTheController =
      noClasses()
          .that()
          .resideOutsideOfPackages("net.vdn.controller..", "net.vdn.app..", "net.vdn.bench..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("net.vdn.controller..");

  @ArchTest
  static final ArchRule theSoftswitchDependsOnWireFormatsOnly =
      noClasses()
          .that()
          .resideInAPackage("net.vdn.softswitch..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "net.vdn.controller..",
              "net.vdn.pipeconf..",
              "net.vdn.openflow..",
              "net.vdn.optical..",
              "net.vdn.emulation..");

  @ArchTest
  static final ArchRule theP4RuntimeClientsInternalsStayInside =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.p4runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("net.vdn.p4runtime.internal..");

  @ArchTest
  static final ArchRule theGnmiClientsInternalsStayInside =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.gnmi..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("net.vdn.gnmi.internal..");

  @ArchTest
  static final ArchRule theOpenFlowAdaptersInternalsStayInside =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.openflow..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..openflow..internal..");

  @ArchTest
  static final ArchRule theOpticalAdaptersInternalsStayInside =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.optical..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..optical..internal..");
}
