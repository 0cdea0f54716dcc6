package io.hwplatform.support.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernorWatchTest {

    private final MemoryListener listener = new MemoryListener() {};

    @Test
    void listensToTheGovernorBoundLastAndToNoneAfterClose() {
        Governor first = new Governor();
        Governor second = new Governor();
        GovernorWatch watch = new GovernorWatch(listener);

        watch.bind(first);
        watch.bind(second); // DS binds the better one before it unbinds the old
        assertThat(first.listeners).isEmpty();
        assertThat(second.listeners).containsExactly(listener);

        watch.unbind(first);
        assertThat(watch.governor()).as("unbinding the old one leaves the new one").containsSame(second);

        watch.close();
        assertThat(second.listeners).isEmpty();
        assertThat(watch.governor()).isEmpty();
        watch.close();
    }

    /** Only watch() matters here. */
    private static final class Governor implements MemoryGovernor {
        final List<MemoryListener> listeners = new ArrayList<>();

        @Override
        public Subscription watch(MemoryListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public MemoryStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PressureLevel level() {
            return PressureLevel.NONE;
        }

        @Override
        public List<SourceInfo> sources() {
            return List.of();
        }

        @Override
        public ReclaimReport reclaim(long bytes, PressureLevel level) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void returnReleasedMemory() {
        }

        @Override
        public List<ReclaimReport> history() {
            return List.of();
        }
    }
}
