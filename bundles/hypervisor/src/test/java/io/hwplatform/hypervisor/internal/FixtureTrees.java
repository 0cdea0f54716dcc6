package io.hwplatform.hypervisor.internal;

import io.hwplatform.support.host.HostRoot;
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
 * The captured host trees under {@code src/test/trees}, written from the facts about each platform. A tree's CPUID
 * leaves are kept as text ({@code dev/cpu/0/cpuid.leaves}) and written, on copy, into a sparse file with the kernel
 * device's layout: 16 bytes EAX, EBX, ECX, EDX, little-endian, at offset = leaf.
 */
final class FixtureTrees {

    static final Path TREES = Path.of("src/test/trees");

    private FixtureTrees() {}

    /** Copies a tree into {@code target} and materialises its CPUID device. */
    static HostRoot copy(String tree, Path target) {
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
        return HostRoot.of(target.toString());
    }

    /** @return the names of every tree */
    static List<String> names() {
        try (Stream<Path> trees = Files.list(TREES)) {
            return trees.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code leaf eax ebx ecx edx} in hex, or {@code leaf "signature"} (EBX, ECX, EDX as text). */
    static void writeCpuid(List<String> lines, Path device) throws IOException {
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
