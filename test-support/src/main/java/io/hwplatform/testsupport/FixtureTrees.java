package io.hwplatform.testsupport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The captured hypervisor host trees under {@code test-support/trees/hypervisor}, written from the facts about each
 * platform, shared by the detector's tests and each probe bundle's. A tree's CPUID leaves are kept as text
 * ({@code dev/cpu/0/cpuid.leaves}) and written, on copy, into a sparse file with the kernel device's layout: 16 bytes
 * EAX, EBX, ECX, EDX, little-endian, at offset = leaf.
 */
public final class FixtureTrees {

    /** Where the trees are, seen from a bundle's folder (a test's working directory). */
    public static final Path TREES = Path.of("../../test-support/trees/hypervisor");

    private FixtureTrees() {}

    /** Copies a tree into {@code target} and materialises its CPUID device. @return the copy's directory */
    public static Path copy(String tree, Path target) {
        Path source = TREES.resolve(tree);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (file.getFileName().toString().equals("cpuid.leaves")) {
                    writeCpuid(Files.readAllLines(file), copy.resolveSibling("cpuid"));
                } else if (!file.getFileName().toString().equals(".keep")) {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** @return the names of every tree */
    public static List<String> names() {
        try (Stream<Path> trees = Files.list(TREES)) {
            return trees.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code leaf eax ebx ecx edx} in hex, or {@code leaf "signature"} (EBX, ECX, EDX as text). */
    public static void writeCpuid(List<String> lines, Path device) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(device.toFile(), "rw")) {
            for (String line : lines) {
                String spec = line.strip();
                if (spec.isEmpty() || spec.startsWith("#")) {
                    continue;
                }
                String[] words = spec.split("\\s+", 2);
                ByteBuffer registers = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                if (words[1].startsWith("\"")) {
                    byte[] signature = words[1].substring(1, words[1].lastIndexOf('"')).getBytes(StandardCharsets.ISO_8859_1);
                    registers.putInt(0x4000_0001).put(signature, 0, Math.min(12, signature.length));
                } else {
                    for (String register : words[1].split("\\s+")) {
                        registers.putInt((int) Long.parseLong(register.substring(2), 16));
                    }
                }
                file.seek(Long.decode(words[0]));
                file.write(registers.array());
            }
        }
    }
}
