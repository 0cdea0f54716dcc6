package io.hwplatform.api.hypervisor.spi;

import io.hwplatform.api.hypervisor.Evidence;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host as probes see it during one detection: every read goes through the configured filesystem root
 * ({@code hwplatform.root}) on Linux or the registry on Windows, is done at most once per detection, and is recorded
 * as {@link Evidence} under its source.
 *
 * <p>No method throws for bad input: a file that is absent, empty, unreadable, not UTF-8 or not a file yields an
 * empty result, and the evidence says why. Text is trimmed and cut at the first NUL, as C code reading it would.
 *
 * <p>Thread-safety: an instance belongs to one detection; probes are called one after the other.
 */
@ProviderType
public interface HostSignals {

    /** The operating system whose signals these are. */
    enum Os { LINUX, WINDOWS, OTHER }

    /** @return the operating system of the host being examined */
    Os os();

    /** @return whether the host is the machine this JVM runs on ({@code hwplatform.root} is {@code /}) */
    boolean isLive();

    /**
     * @param hostPath an absolute host path such as {@code /sys/hypervisor/type}
     * @return the file's text, trimmed; empty when absent, empty, unreadable or garbled
     */
    Optional<String> text(String hostPath);

    /**
     * @param hostPath a small binary file such as {@code /sys/firmware/dmi/entries/0-0/raw}
     * @return its bytes (at most 64 KiB); empty when absent or unreadable
     */
    Optional<byte[]> bytes(String hostPath);

    /** @return whether the path exists (file, directory or link) */
    boolean exists(String hostPath);

    /** @return the names in a directory, sorted; empty when it is absent or unreadable */
    List<String> list(String hostDirectory);

    /** @return the file name of a symbolic link's target, e.g. the driver a device is bound to; empty if none */
    Optional<String> linkName(String hostPath);

    /** @return an SMBIOS string; empty where the firmware does not tell */
    Optional<String> firmware(FirmwareField field);

    /** @return the evidence source under which {@link #firmware(FirmwareField)} records that field */
    String firmwareSource(FirmwareField field);

    /** @return the evidence source under which {@link #cpuid(int)} records a leaf, e.g. {@code cpuid 0x40000000} */
    static String cpuidSource(int leaf) {
        return String.format("cpuid %#x", leaf);
    }

    /**
     * Reads one CPUID leaf (Linux: {@code /dev/cpu/0/cpuid}, which needs read permission on the device).
     *
     * @return EAX, EBX, ECX, EDX; empty when CPUID cannot be read here
     */
    Optional<int[]> cpuid(int leaf);

    /**
     * The hypervisor vendor signatures (EBX, ECX, EDX as 12 characters) of CPUID leaves 0x40000000, 0x40000100, ...,
     * read only when leaf 1 says a hypervisor is present. Hypervisors stack their ranges from 0x40000000 upwards (a
     * Hyper-V compatible interface first, the native one next), so the scan stops at the first leaf without a
     * signature; each leaf read traps to the hypervisor and costs about 20 microseconds.
     *
     * @return leaf to signature, ascending; empty when CPUID is unreadable or shows no hypervisor
     */
    SortedMap<Integer, String> cpuidSignatures();

    /**
     * The PCI functions' vendor and device ids, in bus order: Linux's {@code /sys/bus/pci/devices/*}/{@code vendor}
     * and {@code device}, or {@code /proc/bus/pci/devices} where sysfs lacks them (old kernels, dumps); Windows's PCI
     * enumeration in the registry. Recorded as one piece of evidence.
     *
     * @return ids such as {@code 1af4:1000} (lower-case hex), each once; empty when the bus cannot be read
     * @since 1.1
     */
    List<String> pciIds();

    /**
     * @return every source read so far and what it said, in the order read; the detector adds what the findings made
     *     of each
     * @since 1.1
     */
    List<Evidence> evidence();

    /** @return a registry value on Windows (e.g. key {@code HKLM\SYSTEM\CurrentControlSet\Services\BALLOON}); empty elsewhere */
    Optional<String> registryValue(String key, String name);

    /** @return the sub-keys of a registry key on Windows, sorted; empty elsewhere or when the key is absent */
    List<String> registrySubkeys(String key);
}
