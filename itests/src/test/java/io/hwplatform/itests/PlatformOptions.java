package io.hwplatform.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Path;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The runtime every in-framework test starts from: the OSGi services we build on, plus the bundles under test. */
final class PlatformOptions {

    private PlatformOptions() {}

    /** DS, Event Admin, Config Admin, Gogo runtime, JNA, Gson and the hwplatform API and registry bundles. */
    static Option base() {
        return composite(
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.eventadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.gogo.runtime").versionAsInProject(),
                mavenBundle("net.java.dev.jna", "jna").versionAsInProject(),
                mavenBundle("com.google.code.gson", "gson").versionAsInProject(),
                project("api"),
                project("capabilities"),
                project("shell"),
                junitBundles());
    }

    /** The detector and every hypervisor probe bundle. */
    static Option hypervisor() {
        return composite(project("hypervisor"), project("hypervisor-kvm"), project("hypervisor-vmware"),
                project("hypervisor-hyperv"), project("hypervisor-xen"), project("hypervisor-others"));
    }

    /** The allocator with the Linux and the portable backend. */
    static Option numa() {
        return composite(project("numa"), project("numa-linux"), project("numa-portable"));
    }

    /** The memory governor and the Linux sources (which resolve on Linux only). */
    static Option memory() {
        return composite(project("memory"), project("memory-linux"));
    }

    /** A bundle of this build, from the folder the build copied it to (SNAPSHOTs are not installed in ~/.m2). */
    static Option project(String artifactId) {
        return bundle(jar(artifactId).toUri().toString());
    }

    /** @return the jar of a bundle of this build, as the build copied it */
    static Path jar(String artifactId) {
        return Path.of(System.getProperty("itest.bundles", "target/bundles"), artifactId + ".jar");
    }

    /** @return the installed bundle of that symbolic name */
    static Bundle installed(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    /** This module's own bundle of example consumers. */
    static Option consumers() {
        return bundle(new File(System.getProperty("itest.consumers")).toURI().toString());
    }
}
