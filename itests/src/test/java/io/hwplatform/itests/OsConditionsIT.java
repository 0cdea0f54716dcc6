package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;

/**
 * The operating-system conditions of the Karaf features and of the OS bundles themselves, evaluated against the
 * {@code osgi.native.osname} values real frameworks report: the Windows bundles must be installed on every Windows
 * that Felix or Equinox names, and on nothing else.
 */
public class OsConditionsIT {

    private static final Pattern WINDOWS_CONDITION = Pattern.compile(
            "<condition>req:osgi\\.native;filter:=\"(\\(\\|\\(osgi\\.native\\.osname~=win32\\)[^\"]*)\"</condition>");

    @Test
    public void theWindowsFeatureInstallsOnEveryWindowsAndNowhereElse() throws Exception {
        Filter condition = FrameworkUtil.createFilter(windowsCondition());

        for (List<String> windows : List.of(
                List.of("windows 10", "win32"),            // Felix on Windows 10: the name and its alias
                List.of("windows 11"),                     // Felix on Windows 11: no alias
                List.of("windows server 2022"),            // Felix on Server 2022
                List.of("Windows 11"),                     // Equinox keeps the capitalised name
                List.of("Win32"))) {
            assertTrue("installs on " + windows, condition.matches(osname(windows)));
        }
        for (List<String> other : List.of(List.of("linux", ""), List.of("Linux"), List.of("mac os x"),
                List.of("MacOSX"), List.of("freebsd"))) {
            assertFalse("not on " + other, condition.matches(osname(other)));
        }
    }

    @Test
    public void theFeatureAndTheBundlesUseOneWindowsFilter() throws Exception {
        String feature = windowsCondition();
        for (String bundle : List.of("hypervisor-windows", "numa-windows", "memory-windows")) {
            try (JarFile jar = new JarFile(PlatformOptions.jar(bundle).toFile())) {
                String required = jar.getManifest().getMainAttributes().getValue("Require-Capability");
                assertTrue(bundle + ": " + required, required.contains("filter:=\"" + feature + "\""));
            }
        }
    }

    private static String windowsCondition() throws IOException {
        String features = Files.readString(Path.of(System.getProperty("itest.features",
                "../features/src/main/feature/feature.xml")));
        Matcher matcher = WINDOWS_CONDITION.matcher(features);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertEquals("one Windows condition in feature.xml: " + found, 1, found.size());
        return found.get(0);
    }

    private static Hashtable<String, Object> osname(List<String> values) {
        Hashtable<String, Object> capability = new Hashtable<>();
        capability.put("osgi.native.osname", values);
        return capability;
    }
}
