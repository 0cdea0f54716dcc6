package io.hwplatform.hypervisor.internal;

import io.hwplatform.support.host.HostRoot;
import io.hwplatform.support.host.HostText;
import io.hwplatform.api.hypervisor.spi.FirmwareField;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A Linux host's signals, read through the configured filesystem root. */
final class LinuxHostSignals extends RecordingHostSignals {

    static final String CPUID_DEVICE = "/dev/cpu/0/cpuid";

    private final HostRoot root;
    /** Set once the CPUID device failed, so that a missing device is reported once and not retried per leaf. */
    private boolean cpuidUnavailable;

    LinuxHostSignals(HostRoot root) {
        this.root = root;
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
            HostText read = HostText.read(root.resolve(hostPath));
            observe(hostPath, read.observed());
            return read.text();
        });
    }

    @Override
    public Optional<byte[]> bytes(String hostPath) {
        return once("bytes " + hostPath, () -> {
            Path file = root.resolve(hostPath);
            if (Files.exists(file) && !Files.isRegularFile(file)) { // a pipe in a captured tree would block the read
                observe(hostPath, "unreadable: not a regular file");
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(HostText.MAX_BYTES);
                observe(hostPath, bytes.length + " bytes");
                return Optional.of(bytes);
            } catch (NoSuchFileException e) {
                observe(hostPath, "absent");
            } catch (IOException | SecurityException e) {
                observe(hostPath, HostText.describe(e));
            }
            return Optional.empty();
        });
    }

    @Override
    public boolean exists(String hostPath) {
        return once("exists " + hostPath, () -> {
            boolean exists = Files.exists(root.resolve(hostPath), LinkOption.NOFOLLOW_LINKS);
            observe(hostPath, exists ? "present" : "absent");
            return exists;
        });
    }

    @Override
    public List<String> list(String hostDirectory) {
        return once("list " + hostDirectory, () -> {
            Path directory = root.resolve(hostDirectory);
            try (Stream<Path> entries = Files.list(directory)) {
                List<String> names = entries.limit(HostText.MAX_ENTRIES + 1L)
                        .map(path -> path.getFileName().toString()).sorted().toList();
                if (names.size() > HostText.MAX_ENTRIES) {
                    names = names.subList(0, HostText.MAX_ENTRIES);
                    observe(hostDirectory, "more than " + HostText.MAX_ENTRIES + " entries; the first "
                            + HostText.MAX_ENTRIES + " read: " + HostText.preview(String.join(" ", names)));
                    return names;
                }
                observe(hostDirectory, names.isEmpty() ? "empty" : HostText.preview(String.join(" ", names)));
                return names;
            } catch (NoSuchFileException e) {
                observe(hostDirectory, "absent");
            } catch (IOException | SecurityException e) {
                observe(hostDirectory, HostText.describe(e));
            }
            return List.of();
        });
    }

    @Override
    public Optional<String> linkName(String hostPath) {
        return once("link " + hostPath, () -> {
            Path link = root.resolve(hostPath);
            try {
                String target = Files.readSymbolicLink(link).getFileName().toString();
                observe(hostPath, "-> " + target);
                return Optional.of(target);
            } catch (NoSuchFileException e) {
                observe(hostPath, "absent");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                observe(hostPath, Files.exists(link) ? "not a link" : HostText.describe(e));
            }
            return Optional.empty();
        });
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
