package io.hwplatform.numa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An arena's bookkeeping: ids name their chunk, blocks come back, a wholly free chunk is told and can be removed. */
class ArenaTest {

    private final FakeBackend backend = new FakeBackend("fake", "10");
    private final Arena arena = new Arena();
    private final int sizeClass = SizeClasses.of(1 << 20); // four blocks per chunk

    @Test
    void idsNameTheirChunkAndBlock() throws Exception {
        Chunk first = chunk();
        Chunk second = chunk();
        ThreadCache.Stack stack = new ThreadCache.Stack(arena, 8);

        assertThat(arena.take(stack, 8)).isEqualTo(8);

        assertThat(first.index).isNotEqualTo(second.index);
        for (int i = 0; i < 8; i++) {
            int id = stack.ids[i];
            assertThat(stack.chunk(id)).isSameAs(arena.chunk(id)).isIn(first, second);
            assertThat(id & SizeClasses.BLOCK_MASK).isBetween(0, 3);
        }
        assertThat(stack.ids).doesNotHaveDuplicates();
    }

    @Test
    void theLastBlockBackMakesTheChunkWhollyFreeAndRemovable() throws Exception {
        Chunk chunk = chunk();
        ThreadCache.Stack stack = new ThreadCache.Stack(arena, 4);
        arena.take(stack, 4);

        List<Chunk> whollyFree = arena.giveBack(stack, 3);
        assertThat(whollyFree).isNull();
        assertThat(arena.removeIfFree(chunk)).as("one block is still out").isFalse();
        int last = stack.pop();
        assertThat(arena.giveBack(chunk, last & SizeClasses.BLOCK_MASK)).isSameAs(chunk);

        assertThat(arena.removeIfFree(chunk)).isTrue();
        assertThat(arena.chunkCount()).isZero();
        assertThat(arena.removeFreeChunks()).isEmpty();
    }

    @Test
    void aRemovedChunksIndexIsReusedAndTheTableGrows() throws Exception {
        Chunk first = chunk();
        assertThat(arena.removeFreeChunks()).containsExactly(first);
        Chunk reused = chunk();
        assertThat(reused.index).isEqualTo(first.index);
        for (int i = 0; i < 10; i++) {
            chunk();
        }
        assertThat(arena.chunkCount()).isEqualTo(11);
        assertThat(arena.blocks()).containsExactly(44L, 44L);
    }

    private Chunk chunk() throws Exception {
        Chunk chunk = new Chunk(null, arena, backend.allocate(SizeClasses.CHUNK_BYTES, 0), 1, sizeClass,
                SizeClasses.bytes(sizeClass));
        arena.add(chunk);
        return chunk;
    }
}
