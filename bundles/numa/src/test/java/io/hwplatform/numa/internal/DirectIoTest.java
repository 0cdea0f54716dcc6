package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.nio.file.ExtendedOpenOption;
import io.hwplatform.api.numa.NumaBuffer;
import io.hwplatform.api.numa.spi.NumaBackend;
import io.hwplatform.numa.linux.internal.LinuxNumaBackend;
import io.hwplatform.numa.portable.internal.PortableNumaBackend;
import io.hwplatform.support.host.HostRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a storage engine does with a pooled buffer: reads into it from a file opened with O_DIRECT, which the kernel
 * allows only into memory aligned to the device's logical block (4096 bytes covers every disk). On the real Linux
 * backend and the portable one (whose malloc alone would not align).
 */
class DirectIoTest {

    /** In the build's own folder: O_DIRECT needs a real file system (tmpfs refuses it), and target/ is on one. */
    private static final Path FOLDER = Path.of("target", "direct-io");

    static Stream<NumaBackend> backends() {
        return Stream.of(new LinuxNumaBackend(HostRoot.live()), new PortableNumaBackend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void buffersOfAPageOrMoreArePageAligned(NumaBackend backend) {
        PoolingAllocator allocator = new PoolingAllocator();
        allocator.use(backend);
        List<NumaBuffer> buffers = new ArrayList<>();
        for (int size : new int[] {4096, 5000, 65536, 1 << 20, 3 << 20}) {
            buffers.add(allocator.allocate(size, 0));
            buffers.add(allocator.allocate(size, 0));
        }
        for (NumaBuffer buffer : buffers) {
            assertThat(buffer.buffer().alignmentOffset(0, 4096)).as("%s", buffer).isZero();
            buffer.close();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFileOpenedWithODirectIsReadIntoAPooledBuffer(NumaBackend backend) throws IOException {
        byte[] content = new byte[256 << 10];
        new Random(13).nextBytes(content);
        Files.createDirectories(FOLDER);
        Path file = Files.write(FOLDER.resolve(backend.name() + ".bin"), content);
        PoolingAllocator allocator = new PoolingAllocator();
        allocator.use(backend);

        try (FileChannel channel = openDirect(file); NumaBuffer buffer = allocator.allocate(64 << 10, 0)) {
            ByteBuffer memory = buffer.buffer();
            for (long offset = 0; offset < content.length; offset += memory.capacity()) {
                memory.clear();
                while (memory.hasRemaining()) {
                    if (channel.read(memory, offset + memory.position()) < 0) {
                        break;
                    }
                }
                byte[] read = new byte[memory.position()];
                memory.flip().get(read);
                assertThat(read).as("at %d", offset)
                        .isEqualTo(java.util.Arrays.copyOfRange(content, (int) offset, (int) offset + read.length));
            }
        }
    }

    private static FileChannel openDirect(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("the build's file system refuses O_DIRECT: " + e);
            throw new AssertionError(e);
        }
    }
}
