package org.fieldcast.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every import points down (docs/ARCHITECTURE.md, "Layering"). Read from the compiled classes, so
 * a fully qualified name, a static import or a lambda's type counts as much as an import line.
 */
class LayeringTest {
    private static JavaClasses fieldcast;

    @BeforeAll
    static void readClasses() {
        // Not ImportOption.Predefined.DO_NOT_INCLUDE_TESTS: it knows test classes only under a folder named
        // target/, and the build folder may be elsewhere (fieldcast.build.dir).
        ImportOption mainClassesOnly = location -> !location.contains("/test-classes/");
        fieldcast = new ClassFileImporter().withImportOption(mainClassesOnly).importPackages("org.fieldcast");
    }

    /** Each package its own slice: {@code hls.boundary} may use {@code stream}, which may not use it back. */
    @Test
    void noPackageCycle() {
        slices().matching("org.fieldcast.(**)").should().beFreeOfCycles().check(fieldcast);
    }

    /** The shared models at the bottom (the fMP4 model, the error shape) know no feature. */
    @Test
    void theBottomPackagesUseNoFeature() {
        classes().that().resideInAnyPackage("org.fieldcast.fmp4..", "org.fieldcast.http..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.fieldcast..")
                        .or(resideInAnyPackage("org.fieldcast.fmp4..", "org.fieldcast.http..")))
                .check(fieldcast);
    }

    /**
     * Who pulls a stream in a cluster (leases, membership) sits below {@code stream} and knows no feature:
     * the stream supervisor, the relay and PTZ ask it, never the other way round.
     */
    @Test
    void theClusterUsesNoFeature() {
        classes().that().resideInAPackage("org.fieldcast.cluster..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.fieldcast..")
                        .or(resideInAnyPackage("org.fieldcast.cluster..", "org.fieldcast.fmp4..", "org.fieldcast.http..")))
                .check(fieldcast);
    }

    /** Entry points are the top of their feature: nothing but the web wiring and access looks into them. */
    @Test
    void nothingBelowTheBoundariesUsesThem() {
        noClasses().that().resideOutsideOfPackages("..boundary..", "org.fieldcast.web..", "org.fieldcast.access..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(fieldcast);
    }

    /** Features below access never see users or roles: they ask a caller for its {@code station.CameraScope}. */
    @Test
    void onlyAccessKnowsUsersAndRoles() {
        noClasses().that().resideOutsideOfPackage("org.fieldcast.access..")
                .should().dependOnClassesThat().resideInAPackage("org.fieldcast.access..")
                .check(fieldcast);
    }

    /**
     * The relay sits above the stream and its views (it mirrors the LL-HLS window and feeds the taps):
     * nothing below it uses it, and it alone of the features speaks to the cluster's Hazelcast (the
     * lease service in {@code cluster} beside it).
     */
    @Test
    void nothingBelowTheRelayUsesIt() {
        noClasses().that().resideInAnyPackage("org.fieldcast.stream..", "org.fieldcast.hls..", "org.fieldcast.mse..",
                        "org.fieldcast.mjpeg..", "org.fieldcast.fmp4..", "org.fieldcast.http..", "org.fieldcast.station..",
                        "org.fieldcast.gateway..", "org.fieldcast.camera..", "org.fieldcast.ffmpeg..", "org.fieldcast.rtp..")
                .should().dependOnClassesThat().resideInAPackage("org.fieldcast.relay..")
                .check(fieldcast);
        noClasses().that().resideOutsideOfPackages("org.fieldcast.relay..", "org.fieldcast.cluster..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .check(fieldcast);
    }

    /**
     * The views built on a stream (LL-HLS, the JPEG transcoders) sit above it: the stream defines what it
     * needs from them (PullOutput, StreamTap) and they implement it. Only its boundary may use them.
     */
    @Test
    void streamKnowsNoViewBuiltOnIt() {
        noClasses().that().resideInAPackage("org.fieldcast.stream..")
                .and().resideOutsideOfPackage("org.fieldcast.stream.boundary..")
                .should().dependOnClassesThat().resideInAnyPackage("org.fieldcast.hls..", "org.fieldcast.mjpeg..", "org.fieldcast.mse..")
                .check(fieldcast);
    }
}
