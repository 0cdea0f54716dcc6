package io.hwplatform.example.cache;

import io.hwplatform.support.shell.Json;
import io.hwplatform.support.shell.Sizes;
import java.util.Locale;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cache:} commands of the example cache. */
@Component(service = CacheCommands.class, property = {
    "osgi.command.scope=cache",
    "osgi.command.function=fill",
    "osgi.command.function=stats",
    "osgi.command.function=clear"
})
public final class CacheCommands {

    private final NumaLocalCache cache;

    @Activate
    public CacheCommands(@Reference NumaLocalCache cache) {
        this.cache = cache;
    }

    @Descriptor("fills the cache with node-bound off-heap entries")
    public String fill(@Descriptor("bytes to add: 4096, 64k, 600m, 2g") String size) {
        long added = cache.fill(Sizes.parse(size));
        NumaLocalCache.Stats stats = cache.stats();
        return "added " + (added >> 20) + " MiB on node " + stats.node() + "; the cache holds " + (stats.bytes() >> 20)
                + " MiB" + (added < Sizes.parse(size) && stats.refusals() > 0 ? " (stopped: memory pressure)" : "");
    }

    @Descriptor("shows what the cache holds and how much it gave back")
    public String stats(@Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        NumaLocalCache.Stats stats = cache.stats();
        if (json) {
            return Json.write(Json.object("bytes", stats.bytes(), "entries", stats.entries(), "node", stats.node(),
                    "capacity", stats.capacity(), "reclaimedBytes", stats.reclaimedBytes(), "reclaims",
                    stats.reclaims(), "refusals", stats.refusals()));
        }
        return String.format(Locale.ROOT, "%d MiB in %d entries on node %d, capacity %d MiB; gave back %d MiB in %d "
                + "reclaims", stats.bytes() >> 20, stats.entries(), stats.node(), stats.capacity() >> 20,
                stats.reclaimedBytes() >> 20, stats.reclaims());
    }

    @Descriptor("drops every entry")
    public String clear() {
        long held = cache.stats().bytes();
        cache.clear();
        return "dropped " + (held >> 20) + " MiB";
    }
}
