package net.vdn.controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The controller's shape, kept true by the build: services behind interfaces, implementations and
 * providers out of the northbound's reach, no cycles, no emulation.
 */
@AnalyzeClasses(
    packages = "net.vdn.controller",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule packagesHaveNoCycles =
      slices().matching("net.vdn.controller.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theControllerNeverDependsOnTheSoftswitchOrTheEmulation =
      noClasses()
          .that()
          .resideInAPackage("net.vdn.controller..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("net.vdn.softswitch..", "net.vdn.emulation..");

  @ArchTest
  static final ArchRule theNorthboundSeesServicesNotTheirImplementations =
      noClasses()
          .that()
          .resideInAnyPackage(
              "net.vdn.controller.rest..",
              "net.vdn.controller.metrics..",
              "net.vdn.controller.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..impl..",
              "net.vdn.controller.provider..",
              "net.vdn.controller.store..",
              "net.vdn.p4runtime..",
              "net.vdn.openflow..",
              "net.vdn.gnmi..");

  @ArchTest
  static final ArchRule noServiceIsReachedThroughTheObjectThatStartsTheController =
      noClasses()
          .that()
          .resideInAPackage("net.vdn.controller..")
          .and()
          .doNotHaveFullyQualifiedName(Controller.class.getName())
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName(Controller.class.getName());

  @ArchTest
  static final ArchRule serviceApisDependOnNoImplementationOrProvider =
      noClasses()
          .that()
          .resideInAnyPackage(
              "net.vdn.controller.device",
              "net.vdn.controller.device.spi",
              "net.vdn.controller.topology",
              "net.vdn.controller.host",
              "net.vdn.controller.path",
              "net.vdn.controller.slice",
              "net.vdn.controller.optical",
              "net.vdn.controller.security",
              "net.vdn.controller.services")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..impl..", "net.vdn.controller.provider..", "net.vdn.controller.store..");

  @ArchTest
  static final ArchRule onlyTheOpenFlowProviderSpeaksOpenFlow =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.controller.provider.openflow..")
          .and()
          .resideInAPackage("net.vdn.controller..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("net.vdn.openflow..");

  @ArchTest
  static final ArchRule onlyTheP4RuntimeProviderSpeaksP4RuntimeAndGnmi =
      noClasses()
          .that()
          .resideOutsideOfPackage("net.vdn.controller.provider.p4runtime..")
          .and()
          .resideInAPackage("net.vdn.controller..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("net.vdn.p4runtime..", "net.vdn.gnmi..");
}
