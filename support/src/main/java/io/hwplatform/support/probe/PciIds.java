package io.hwplatform.support.probe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PCI bus's vendor:device ids from each place an OS lists them. Pure functions of text. */
public final class PciIds {

    private static final Pattern HEX16 = Pattern.compile("(?i)(?:0x)?([0-9a-f]{4})");
    /** {@code /proc/bus/pci/devices}: bus and devfn, then vendor and device as one 8-digit hex field. */
    private static final Pattern PROC_LINE = Pattern.compile("(?i)^[0-9a-f]{4}\\s+([0-9a-f]{4})([0-9a-f]{4})\\b");
    /** Windows's {@code Enum\PCI} sub-keys: {@code VEN_1AF4&DEV_1045&SUBSYS_...}. */
    private static final Pattern WINDOWS_KEY = Pattern.compile("(?i)^VEN_([0-9a-f]{4})&DEV_([0-9a-f]{4})");

    private PciIds() {}

    /** @return a sysfs {@code vendor} or {@code device} file's id ({@code 0x1af4}) as four lower-case digits */
    public static Optional<String> sysfsId(String text) {
        Matcher id = HEX16.matcher(text.strip());
        return id.matches() ? Optional.of(id.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** @return the ids of {@code /proc/bus/pci/devices}, in its order, each once; garbled lines are skipped */
    public static List<String> procBus(String text) {
        Set<String> ids = new LinkedHashSet<>();
        text.lines().map(PROC_LINE::matcher).filter(Matcher::find)
                .forEach(line -> ids.add(id(line.group(1), line.group(2))));
        return List.copyOf(ids);
    }

    /** @return the ids of Windows's PCI enumeration keys, each once */
    public static List<String> windowsKeys(List<String> keys) {
        Set<String> ids = new LinkedHashSet<>();
        keys.stream().map(WINDOWS_KEY::matcher).filter(Matcher::find)
                .forEach(key -> ids.add(id(key.group(1), key.group(2))));
        return List.copyOf(ids);
    }

    static String id(String vendor, String device) {
        return (vendor + ":" + device).toLowerCase(Locale.ROOT);
    }
}
