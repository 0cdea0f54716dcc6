package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import io.hwplatform.support.host.HostFiles;
import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.HostText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A Linux host's signals, read through the configured filesystem root. */
public final class LinuxHostSignals extends RecordingHostSignals {

    public static final String CPUID_DEVICE = "/dev/cpu/0/cpuid";
    public static final String PCI_DEVICES = "/sys/bus/pci/devices";
    public static final String PROC_PCI = "/proc/bus/pci/devices";

    private final HostRoot root;
    private final HostFiles files;
    /** Set once the CPUID device failed, so that a missing device is reported once and not retried per leaf. */
    private boolean cpuidUnavailable;

    public LinuxHostSignals(HostRoot root) {
        this.root = root;
        this.files = new HostFiles(root);
    }

    /** The kernel's cpuid device is a character device, a captured tree holds a file; a pipe would block a read. */
    private static boolean isPipeOrSocket(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return type == 0010000 || type == 0140000; // S_IFIFO, S_IFSOCK
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false; // absent, or a platform without unix attributes: the read itself will say
        }
    }

    @Override
    public Os os() {
        return Os.LINUX;
    }

    @Override
    public boolean isLive() {
        return root.isLive();
    }

    @Override
    public Optional<String> text(String hostPath) {
        return once(hostPath, () -> {
            HostText read = files.read(hostPath);
            observe(hostPath, read.observed());
            return read.text();
        });
    }

    @Override
    public Optional<byte[]> bytes(String hostPath) {
        return once("bytes " + hostPath, () -> observed(hostPath, files.bytes(hostPath)));
    }

    @Override
    public boolean exists(String hostPath) {
        return once("exists " + hostPath, () -> {
            boolean exists = files.exists(hostPath);
            observe(hostPath, exists ? "present" : "absent");
            return exists;
        });
    }

    @Override
    public List<String> list(String hostDirectory) {
        return once("list " + hostDirectory, () -> observed(hostDirectory, files.list(hostDirectory)).orElse(List.of()));
    }

    @Override
    public Optional<String> linkName(String hostPath) {
        return once("link " + hostPath, () -> observed(hostPath, files.linkName(hostPath)));
    }

    /** Each function's {@code vendor} and {@code device} file is read, but the listing is one piece of evidence. */
    @Override
    public List<String> pciIds() {
        return once("pci ids", () -> {
            HostFiles.Read<List<String>> functions = files.list(PCI_DEVICES);
            Set<String> ids = new LinkedHashSet<>();
            for (String function : functions.value().orElse(List.of())) {
                String directory = PCI_DEVICES + "/" + function;
                Optional<String> vendor = files.read(directory + "/vendor").text().flatMap(PciIds::sysfsId);
                Optional<String> device = files.read(directory + "/device").text().flatMap(PciIds::sysfsId);
                if (vendor.isPresent() && device.isPresent()) {
                    ids.add(vendor.get() + ":" + device.get());
                }
            }
            if (!ids.isEmpty()) {
                observe(PCI_DEVICES, HostText.preview(String.join(" ", ids)));
                return List.copyOf(ids);
            }
            observe(PCI_DEVICES, functions.value().isEmpty() ? functions.observed() : "no readable vendor and device");
            HostText proc = files.read(PROC_PCI);
            List<String> listed = proc.text().map(PciIds::procBus).orElse(List.of());
            observe(PROC_PCI, listed.isEmpty() ? proc.observed() : HostText.preview(String.join(" ", listed)));
            return listed;
        });
    }

    private <T> Optional<T> observed(String hostPath, HostFiles.Read<T> read) {
        observe(hostPath, read.observed());
        return read.value();
    }

    @Override
    public String firmwareSource(FirmwareField field) {
        return "/sys/class/dmi/id/" + field.linuxFile();
    }

    @Override
    public Optional<String> firmware(FirmwareField field) {
        return text(firmwareSource(field));
    }

    /**
     * Reads a leaf as the kernel's cpuid device serves it: 16 bytes (EAX, EBX, ECX, EDX, little-endian) at offset =
     * leaf. A captured tree holds a plain (sparse) file of the same layout; bytes past its end read as zeros.
     */
    @Override
    public Optional<int[]> cpuid(int leaf) {
        String source = HostSignals.cpuidSource(leaf);
        return once(source, () -> {
            if (cpuidUnavailable) {
                return Optional.empty();
            }
            Path file = root.resolve(CPUID_DEVICE);
            if (isPipeOrSocket(file)) {
                cpuidUnavailable = true;
                observe(CPUID_DEVICE, "unreadable: neither the cpuid device nor a captured file");
                return Optional.empty();
            }
            try (FileChannel device = FileChannel.open(file)) {
                ByteBuffer registers = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                long position = Integer.toUnsignedLong(leaf);
                while (registers.hasRemaining() && device.read(registers, position + registers.position()) > 0) {
                    // a plain file may return fewer bytes per read than asked for
                }
                int[] values = {registers.getInt(0), registers.getInt(4), registers.getInt(8), registers.getInt(12)};
                observe(source, Cpuid.describe(values));
                return Optional.of(values);
            } catch (NoSuchFileException e) {
                cpuidUnavailable = true;
                observe(CPUID_DEVICE, "absent (no cpuid driver or not x86)");
            } catch (IOException | SecurityException e) {
                cpuidUnavailable = true;
                observe(CPUID_DEVICE, HostText.describe(e));
            }
            return Optional.empty();
        });
    }
}
