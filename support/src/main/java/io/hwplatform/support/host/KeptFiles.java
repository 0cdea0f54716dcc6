package io.hwplatform.support.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Host files a source reads again and again, each through one descriptor kept open.
 *
 * <p>Why: over a cgroup's {@code memory.high} the kernel makes every task that charged memory sleep on its way back
 * to user space (up to two seconds at a time), and an {@code open(2)} charges: the {@code struct file}, and the
 * buffer that procfs, sysfs and cgroupfs render the file into. A {@code pread(2)} from offset 0 of a descriptor kept
 * open renders the file afresh into the buffer it already has and charges nothing, so the sources keep seeing, and
 * the governor keeps measuring, while the process is throttled: exactly when they are needed.
 *
 * <p>Answers as {@link HostText#read(Path)} does: regular files only, at most {@link HostText#MAX_BYTES}, never
 * throws. A descriptor that fails is closed and the file opened again next time (a cgroup moved, a file replaced).
 * Thread-safe.
 */
public final class KeptFiles implements AutoCloseable {

    private static final int FIRST_CAPACITY = 16 * 1024;

    private final HostRoot root;
    private final Map<String, FileChannel> open = new HashMap<>();
    /** Shared by all files: a direct buffer is read into without a copy through a temporary one. */
    private ByteBuffer buffer;

    public KeptFiles(HostRoot root) {
        this.root = root;
    }

    /** @return the text of a host path, or empty when it cannot be read (why is {@link #read}'s) */
    public Optional<String> text(String path) {
        return read(path).text();
    }

    public synchronized HostText read(String path) {
        FileChannel channel = open.get(path);
        try {
            if (channel == null) {
                Path file = root.resolve(path);
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (!attributes.isRegularFile()) { // a pipe in a captured tree would block the open and the read
                    return new HostText(Optional.empty(), attributes.isDirectory() ? "unreadable: is a directory"
                            : "unreadable: not a regular file");
                }
                channel = FileChannel.open(file, StandardOpenOption.READ);
                open.put(path, channel);
            }
            return HostText.decode(readFromStart(channel));
        } catch (NoSuchFileException e) {
            forget(path);
            return HostText.absent();
        } catch (IOException | SecurityException e) {
            forget(path);
            return new HostText(Optional.empty(), HostText.describe(e));
        }
    }

    /** Reads the whole file from offset 0, growing the buffer while the content fills it (up to the cap). */
    private byte[] readFromStart(FileChannel channel) throws IOException {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(FIRST_CAPACITY);
        }
        for (;;) {
            buffer.clear();
            long position = 0;
            for (int read = channel.read(buffer, position); read > 0; read = channel.read(buffer, position)) {
                position += read;
            }
            if (buffer.hasRemaining() || buffer.capacity() >= HostText.MAX_BYTES) {
                break;
            }
            buffer = ByteBuffer.allocateDirect(Math.min(HostText.MAX_BYTES, buffer.capacity() * 2));
        }
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private void forget(String path) {
        FileChannel channel = open.remove(path);
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it is gone either way
            }
        }
    }

    /** Closes every descriptor; reading again opens them again. */
    @Override
    public synchronized void close() {
        for (String path : Map.copyOf(open).keySet()) {
            forget(path);
        }
    }
}
