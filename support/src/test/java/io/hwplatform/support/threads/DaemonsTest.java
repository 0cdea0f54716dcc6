package io.hwplatform.support.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonsTest {

    private static final InheritableThreadLocal<String> SESSION = new InheritableThreadLocal<>();

    @Test
    void threadsAreNamedDaemonsThatInheritNothing() throws Exception {
        SESSION.set("a shell session's output");
        CompletableFuture<String> seen = new CompletableFuture<>();
        Thread thread = Daemons.thread("watcher", () -> seen.complete(String.valueOf(SESSION.get())));
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo("watcher");
        thread.start();
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("null");

        assertThat(Daemons.numbered("worker").newThread(() -> { }).getName()).isEqualTo("worker-1");
        ScheduledExecutorService scheduler = Daemons.scheduler("sampler");
        try {
            assertThat(scheduler.submit(() -> Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon()
                    + " " + SESSION.get()).get(5, TimeUnit.SECONDS)).isEqualTo("sampler true null");
        } finally {
            scheduler.shutdownNow();
            SESSION.remove();
        }
    }
}
