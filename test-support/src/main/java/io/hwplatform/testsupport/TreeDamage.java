package io.hwplatform.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One way to damage a file of a captured host tree: what real machines' files suffer (truncated reads, NULs, other
 * encodings, numbers out of range) and what a hostile or broken tree adds (directories where files should be, pipes,
 * symbolic link loops, huge files). Readers must survive every one of them, say why in their evidence, and end.
 *
 * @param kind what is done
 * @param target which file of the tree, by position in the sorted list of its files (taken modulo their number)
 * @param offset where in the file, for the kinds that need a place (taken modulo the length)
 */
public record TreeDamage(Kind kind, int target, int offset) {

    /** What is done to the file. */
    public enum Kind {
        TRUNCATED, NUL_INSERTED, NOT_UTF8, EMPTIED, HUGE, DIRECTORY_INSTEAD, PIPE_INSTEAD, SYMLINK_LOOP, UNREADABLE,
        NEGATIVE_NUMBERS, OVERFLOWING_NUMBERS, PARENT_MADE_A_FILE
    }

    /** Far beyond any reader's cap, small enough to write for every try. */
    public static final int HUGE_BYTES = 2 << 20;

    /** @return damage of any kind, anywhere */
    public static TreeDamage any(Random random) {
        return new TreeDamage(Kind.values()[random.nextInt(Kind.values().length)], random.nextInt(1 << 16),
                random.nextInt(1 << 16));
    }

    /**
     * Damages one file of the tree under {@code root}.
     *
     * @return the damaged file, relative to the root, with a leading {@code /} (as readers name host paths)
     */
    public String applyTo(Path root) throws IOException {
        List<Path> files = regularFiles(root);
        if (files.isEmpty()) {
            return "/";
        }
        Path file = files.get(Math.floorMod(target, files.size()));
        byte[] content = Files.readAllBytes(file);
        int at = content.length == 0 ? 0 : Math.floorMod(offset, content.length + 1);
        switch (kind) {
            case TRUNCATED -> Files.write(file, java.util.Arrays.copyOf(content, at));
            case NUL_INSERTED -> Files.write(file, insert(content, at, new byte[] {0}));
            case NOT_UTF8 -> Files.write(file, insert(content, at, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}));
            case EMPTIED -> Files.write(file, new byte[0]);
            case HUGE -> Files.write(file, huge(content));
            case DIRECTORY_INSTEAD -> {
                Files.delete(file);
                Files.createDirectories(file.resolve("unexpected"));
            }
            case PIPE_INSTEAD -> {
                Files.delete(file);
                mkfifo(file);
            }
            case SYMLINK_LOOP -> {
                Files.delete(file);
                Path other = file.resolveSibling(file.getFileName() + ".loop");
                Files.createSymbolicLink(file, other.getFileName());
                Files.createSymbolicLink(other, file.getFileName());
            }
            case UNREADABLE -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            case NEGATIVE_NUMBERS -> Files.writeString(file, text(content).replaceAll("\\d+", "-1"));
            case OVERFLOWING_NUMBERS -> Files.writeString(file, text(content)
                    .replaceAll("\\d+", "99999999999999999999999"));
            case PARENT_MADE_A_FILE -> {
                Path parent = file.getParent();
                if (!parent.equals(root)) {
                    deleteRecursively(parent);
                    Files.writeString(parent, "a file where a directory was\n");
                }
            }
        }
        return "/" + root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * @return every regular file below the root up to 1 MiB, sorted, so that a target index always names the same
     *     one (a captured CPUID device is a sparse file of several GiB: it is read by leaf, never whole)
     */
    public static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(TreeDamage::small).sorted().toList();
        }
    }

    private static boolean small(Path file) {
        try {
            return Files.size(file) <= 1 << 20;
        } catch (IOException e) {
            return false;
        }
    }

    /** Copies a captured tree, keeping its symbolic links links (sysfs is made of them). */
    public static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createDirectories(copy.getParent());
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.createDirectories(copy.getParent());
                    Files.copy(path, copy);
                }
            }
        }
    }

    /** Removes a tree made for one try; damage may have left pipes, loops and unreadable files in it. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static byte[] insert(byte[] content, int at, byte[] inserted) {
        byte[] result = new byte[content.length + inserted.length];
        System.arraycopy(content, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(content, at, result, at + inserted.length, content.length - at);
        return result;
    }

    private static byte[] huge(byte[] content) {
        byte[] unit = content.length == 0 ? "x\n".getBytes(StandardCharsets.US_ASCII) : content;
        byte[] result = new byte[HUGE_BYTES];
        for (int i = 0; i < result.length; i++) {
            result[i] = unit[i % unit.length];
        }
        return result;
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    private static void mkfifo(Path file) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo " + file + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
