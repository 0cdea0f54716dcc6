package io.hwplatform.memory.linux.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps this process's code in memory: every mapping of the files it has mapped for execution (the JVM, the C
 * library, JNA's stub, ...) and of the JVM's class-data archive, locked page by page as it is used
 * ({@code mlock2(MLOCK_ONFAULT)}: nothing is read in for it, nothing of it is evicted after).
 *
 * <p>Why: when a cgroup's {@code memory.high} is lowered under its usage, the writer's own system call reclaims what
 * it can, and without swap that is the page cache: the code. From then on a thread that runs code no longer resident
 * faults it back in, is charged for it, and sleeps on its way back to user space, page after page; the pressure
 * sources and the governor stop making progress with everything else (PSI {@code some} at 99 %, for minutes). Code
 * that stays resident charges nothing, and a thread that charges nothing is not throttled: the reclaim runs.
 *
 * <p>The cost is that the code pages in use (tens of MiB, already charged) can no longer be evicted. Without
 * {@code CAP_IPC_LOCK} the locks count against {@code RLIMIT_MEMLOCK}; what it refuses is said, and the rest stays.
 * Data files mapped by the application (a storage engine's) are never locked: only files with an executable
 * mapping, and {@code .jsa} archives, whose class metadata the interpreter reads all the time.
 */
final class ResidentCode {

    /** The framework property that turns locking off ({@code false}); on by default. */
    static final String PROPERTY = "hwplatform.memory.lockCode";
    private static final int MLOCK_ONFAULT = 1;
    private static final int MAX_MAPS_BYTES = 4 << 20;
    private static String outcome;

    /** One line of {@code /proc/self/maps} of a file to keep. */
    record Mapping(long start, long end, String path) {
        long bytes() {
            return end - start;
        }
    }

    private ResidentCode() {}

    /** @return what locking did, done once per process whoever asks first */
    static synchronized String lockOnce() {
        if (outcome == null) {
            outcome = lock();
        }
        return outcome;
    }

    /**
     * Pure: the mappings to lock in a {@code /proc/<pid>/maps} text, every mapping of each file that has an executable
     * one or is a {@code .jsa} archive; garbled lines are skipped.
     */
    static List<Mapping> codeMappings(String maps) {
        List<Mapping> fileMappings = new ArrayList<>();
        Set<String> code = new LinkedHashSet<>();
        for (String line : maps.split("\n")) {
            String[] fields = line.strip().split("\\s+", 6);
            if (fields.length < 6 || fields[5].startsWith("[") || "0".equals(fields[4]) || fields[1].length() < 3) {
                continue; // anonymous, [heap], [stack], [vdso] or garbled
            }
            int dash = fields[0].indexOf('-');
            long start;
            long end;
            try {
                start = Long.parseUnsignedLong(fields[0].substring(0, Math.max(dash, 0)), 16);
                end = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
            } catch (NumberFormatException | IndexOutOfBoundsException garbled) {
                continue;
            }
            if (Long.compareUnsigned(end, start) <= 0) {
                continue;
            }
            String path = fields[5];
            fileMappings.add(new Mapping(start, end, path));
            if (fields[1].charAt(2) == 'x' || path.endsWith(".jsa")) {
                code.add(path);
            }
        }
        return fileMappings.stream().filter(mapping -> code.contains(mapping.path())).toList();
    }

    private static String lock() {
        String maps;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/maps"))) {
            maps = new String(in.readNBytes(MAX_MAPS_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "code not locked: /proc/self/maps unreadable (" + e.getMessage() + ")";
        }
        List<Mapping> mappings = codeMappings(maps);
        long locked = 0;
        Set<String> files = new LinkedHashSet<>();
        Map<String, Integer> refusals = new TreeMap<>();
        for (Mapping mapping : mappings) {
            int result;
            try {
                result = Mlock.mlock2(mapping.start(), mapping.bytes(), MLOCK_ONFAULT);
            } catch (LinkageError noMlock2) { // a C library older than glibc 2.27 or musl 1.1.20
                return "code not locked: the C library has no mlock2 (" + noMlock2.getMessage() + ")";
            }
            if (result == 0) {
                locked += mapping.bytes();
                files.add(mapping.path());
            } else {
                refusals.merge(Libc.lastError(), 1, Integer::sum);
            }
        }
        return "code kept resident: " + files.size() + " files, " + (locked >> 20) + " MiB mapped, locked as used"
                + (refusals.isEmpty() ? "" : "; refused " + refusals + " (RLIMIT_MEMLOCK without CAP_IPC_LOCK?)");
    }

    /** {@code mlock2}, in a class of its own: a C library without it fails only this. */
    private static final class Mlock {
        static {
            Native.register(Mlock.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native int mlock2(long address, long length, int flags);
    }
}
