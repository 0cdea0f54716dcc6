package io.hwplatform.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as an initramfs: per entry a 110-byte ASCII header,
 * the name, the data, each padded to 4 bytes; a {@code TRAILER!!!} entry ends it.
 */
final class Cpio implements AutoCloseable {

    static final int DIRECTORY = 0040755;
    static final int FILE = 0100644;
    static final int EXECUTABLE = 0100755;
    static final int SYMLINK = 0120777;

    private final OutputStream out;
    private long written;
    private int inode = 1;

    Cpio(OutputStream out) {
        this.out = out;
    }

    void directory(String name) throws IOException {
        entry(name, DIRECTORY, new byte[0]);
    }

    void file(String name, int mode, byte[] data) throws IOException {
        entry(name, mode, data);
    }

    void symlink(String name, String target) throws IOException {
        entry(name, SYMLINK, target.getBytes(StandardCharsets.UTF_8));
    }

    private void entry(String name, int mode, byte[] data) throws IOException {
        byte[] path = (name + "\0").getBytes(StandardCharsets.UTF_8);
        String header = "070701" + hex(inode++) + hex(mode) + hex(0) + hex(0) + hex(1) + hex(0) + hex(data.length)
                + hex(0) + hex(0) + hex(0) + hex(0) + hex(path.length) + hex(0);
        write(header.getBytes(StandardCharsets.US_ASCII));
        write(path);
        pad();
        write(data);
        pad();
    }

    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, new byte[0]);
        out.close();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    private static String hex(long value) {
        return String.format("%08x", value);
    }
}
