package io.hwplatform.support.probe;

import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.spi.HostSignals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every host's signals share: each source is read once per detection, and every read is kept, in order, as
 * evidence.
 */
public abstract class RecordingHostSignals implements HostSignals {

    /** CPUID leaf 1, ECX bit 31: "a hypervisor is present". */
    public static final int HYPERVISOR_BIT = 1 << 31;
    static final int FIRST_HYPERVISOR_LEAF = 0x4000_0000;
    static final int LAST_HYPERVISOR_LEAF = 0x4000_FF00;

    private final Map<String, Object> reads = new LinkedHashMap<>();
    private final Map<String, String> observed = new LinkedHashMap<>();
    private SortedMap<Integer, String> signatures;

    @Override
    public List<Evidence> evidence() {
        List<Evidence> evidence = new ArrayList<>();
        observed.forEach((source, what) -> evidence.add(new Evidence(source, what, "")));
        return evidence;
    }

    /** Reads a source once; later calls get the same value. */
    @SuppressWarnings("unchecked")
    protected <T> T once(String source, Supplier<T> read) {
        if (!reads.containsKey(source)) {
            reads.put(source, read.get());
        }
        return (T) reads.get(source);
    }

    /** Records what a source said; the first word on a source stands. */
    protected void observe(String source, String what) {
        observed.putIfAbsent(source, what);
    }

    @Override
    public SortedMap<Integer, String> cpuidSignatures() {
        if (signatures == null) {
            signatures = scanSignatures();
        }
        return signatures;
    }

    private SortedMap<Integer, String> scanSignatures() {
        SortedMap<Integer, String> found = new TreeMap<>();
        Optional<int[]> features = cpuid(1);
        if (features.isEmpty() || (features.get()[2] & HYPERVISOR_BIT) == 0) {
            return found;
        }
        for (long leaf = FIRST_HYPERVISOR_LEAF; leaf <= LAST_HYPERVISOR_LEAF; leaf += 0x100) {
            Optional<String> signature = cpuid((int) leaf).map(Cpuid::signature).filter(Cpuid::isPrintable);
            if (signature.isEmpty()) {
                break;
            }
            found.put((int) leaf, signature.get());
        }
        return found;
    }

    @Override
    public Optional<String> registryValue(String key, String name) {
        return Optional.empty();
    }

    @Override
    public List<String> registrySubkeys(String key) {
        return List.of();
    }
}
