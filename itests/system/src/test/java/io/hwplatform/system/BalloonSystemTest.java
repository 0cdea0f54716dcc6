package io.hwplatform.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A live virtio balloon: the example cache is filled with 600 MiB, then the harness inflates the balloon over QMP to
 * leave the guest 1 GiB. The pressure must be seen, the cache must shrink, and the process's RSS must go down.
 */
class BalloonSystemTest {

    @Test
    void inflatedBalloonMakesTheCacheShrinkAndTheProcessGiveMemoryBack() throws Exception {
        String job = "#!/bin/sh\n"
                + "echo '=== BEGIN balloon'\n"
                + SystemTestSupport.JVM + " -jar " + SystemTestSupport.launcher()
                + " -c 'cache:fill 600m; mem:watch --seconds 45; cache:stats --json' 2>&1 &\n"
                + "pid=$!\n"
                + "while kill -0 $pid 2>/dev/null; do\n"
                + "  echo \"=== RSS $(awk '/VmRSS/ {print $2}' /proc/$pid/status 2>/dev/null)\"; sleep 2\n"
                + "done\n"
                + "wait $pid; echo \"=== END balloon rc=$?\"\n";
        AtomicBoolean inflated = new AtomicBoolean();
        AtomicReference<String> answer = new AtomicReference<>();

        GuestOutput guest = SystemTestSupport.guest().memory(2048).timeout(360).run("balloon", job, (line, qemu) -> {
            if (line.startsWith("added 600 MiB") && inflated.compareAndSet(false, true)) {
                Thread inflate = new Thread(() -> {
                    try {
                        Thread.sleep(5000);
                        answer.set(qemu.balloon(1024));
                    } catch (Exception e) {
                        answer.set("failed: " + e);
                    }
                }, "inflate");
                inflate.setDaemon(true);
                inflate.start();
            }
        });

        List<String> lines = guest.section("balloon");
        assertThat(inflated).as(guest.toString()).isTrue();
        assertThat(answer.get()).as("QMP balloon answer").contains("\"return\"");
        assertThat(lines).as("the balloon's pressure was seen").anyMatch(line -> line.contains(" balloon MODERATE")
                || line.contains(" balloon CRITICAL"));
        assertThat(lines).as("reclaimers were asked").anyMatch(line -> line.contains(" reclaim "));
        JsonObject cache = guest.json("balloon").get(0);
        assertThat(cache.get("bytes").getAsLong()).as("the cache shrank").isLessThan(600L << 20);
        assertThat(cache.get("reclaimedBytes").getAsLong()).isPositive();
        List<Long> rss = lines.stream().filter(line -> line.startsWith("=== RSS ") && line.length() > 8)
                .map(line -> Long.parseLong(line.substring(8).strip())).toList();
        long peak = rss.stream().mapToLong(Long::longValue).max().orElse(0);
        long last = rss.isEmpty() ? 0 : rss.get(rss.size() - 1);
        assertThat(peak - last).as("RSS fell (kB), samples %s", rss).isGreaterThan(200L * 1024);
    }
}
