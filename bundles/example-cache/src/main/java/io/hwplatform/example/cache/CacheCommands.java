package io.hwplatform.example.cache;

import com.google.gson.Gson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    private static final Gson GSON = new Gson();

    private final NumaLocalCache cache;

    @Activate
    public CacheCommands(@Reference NumaLocalCache cache) {
        this.cache = cache;
    }

    @Descriptor("fills the cache with node-bound off-heap entries")
    public String fill(@Descriptor("bytes to add: 4096, 64k, 600m, 2g") String size) {
        long added = cache.fill(parse(size));
        NumaLocalCache.Stats stats = cache.stats();
        return "added " + (added >> 20) + " MiB on node " + stats.node() + "; the cache holds " + (stats.bytes() >> 20)
                + " MiB" + (added < parse(size) && stats.refusals() > 0 ? " (stopped: memory pressure)" : "");
    }

    @Descriptor("shows what the cache holds and how much it gave back")
    public String stats(@Descriptor("print one JSON document instead of text")
            @Parameter(names = "--json", presentValue = "true", absentValue = "false") boolean json) {
        NumaLocalCache.Stats stats = cache.stats();
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("bytes", stats.bytes());
            document.put("entries", stats.entries());
            document.put("node", stats.node());
            document.put("capacity", stats.capacity());
            document.put("reclaimedBytes", stats.reclaimedBytes());
            document.put("reclaims", stats.reclaims());
            document.put("refusals", stats.refusals());
            return GSON.toJson(document);
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

    /** Sizes as operators type them: {@code 4096}, {@code 64k}, {@code 600m}, {@code 2g}. */
    static long parse(String size) {
        String text = size.strip().toLowerCase(Locale.ROOT);
        int shift = text.endsWith("k") ? 10 : text.endsWith("m") ? 20 : text.endsWith("g") ? 30 : 0;
        try {
            long value = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + size + "' (use bytes or a k, m or g suffix)");
        }
    }
}
