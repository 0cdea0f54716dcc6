package io.hwplatform.export.nfd.internal;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.support.export.ExportFile;
import io.hwplatform.support.threads.Daemons;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keeps NFD's feature file in step with the capability registry: rewritten (coalesced, on a thread of its own) after
 * every capability change, and again halfway to its expiry, so that NFD never drops a fact that still holds. Where the
 * directory does not exist (no NFD on this node) it writes nothing and says so once.
 */
@Component(immediate = true, configurationPid = NfdExportComponent.PID)
@Designate(ocd = NfdExportComponent.Config.class)
public final class NfdExportComponent {

    static final String PID = "io.hwplatform.export.nfd";
    private static final System.Logger LOG = System.getLogger(NfdExportComponent.class.getName());

    @ObjectClassDefinition(name = "hwplatform: Node Feature Discovery file",
            description = "The local feature file nfd-worker reads: labels for stable facts, unlabelled features for "
                    + "device locality")
    public @interface Config {
        @AttributeDefinition(description = "nfd-worker's features.d directory (mounted from the host); nothing is "
                + "written while it does not exist")
        String directory() default "/etc/kubernetes/node-feature-discovery/features.d";

        @AttributeDefinition(description = "the file's name in that directory")
        String fileName() default "hwplatform";

        @AttributeDefinition(description = "the label prefix, a DNS subdomain (kubernetes.io is denied by NFD)")
        String prefix() default "hwplatform.io";

        @AttributeDefinition(description = "seconds until NFD drops the features unless rewritten (refreshed at half "
                + "of it); 0 for never")
        long expirySeconds() default 3600;

        @AttributeDefinition(description = "the labels to write (hypervisor, cloud, container, balloon.kind, "
                + "balloon.bound, numa.nodes, numa.memory-only-nodes, numa.memory-tiers, numa.binding)")
        String[] labels() default {"hypervisor", "cloud", "container", "balloon.kind", "balloon.bound",
            "numa.nodes", "numa.memory-only-nodes", "numa.memory-tiers", "numa.binding"};
    }

    private final CapabilityRegistry registry;
    private final ExportFile file;
    private final String prefix;
    private final Duration expiry;
    private final Set<String> labels;
    private final Clock clock;
    private final ScheduledExecutorService thread = Daemons.scheduler("hwplatform-nfd");
    private final AtomicBoolean due = new AtomicBoolean();
    private final CapabilityRegistry.ListenerRegistration listening;

    private volatile NumaAllocator allocator;

    /** @throws IllegalArgumentException for a prefix NFD would refuse (the component then does not activate) */
    @Activate
    public NfdExportComponent(@Reference CapabilityRegistry registry, Config config) {
        this(registry, config, Clock.systemUTC());
    }

    NfdExportComponent(CapabilityRegistry registry, Config config, Clock clock) {
        this.registry = registry;
        this.prefix = NfdNames.checkPrefix(config.prefix());
        Path directory = Path.of(config.directory());
        // NFD skips files whose name starts with a dot
        this.file = new ExportFile(directory.resolve(config.fileName()), directory.resolve("." + config.fileName()),
                "Node Feature Discovery");
        this.expiry = Duration.ofSeconds(Math.max(0, config.expirySeconds()));
        this.labels = Set.of(config.labels());
        this.clock = clock;
        this.listening = registry.addListener(null, event -> rewriteSoon());
        rewriteSoon();
        if (!expiry.isZero()) {
            long refresh = Math.max(1, expiry.toSeconds() / 2);
            thread.scheduleWithFixedDelay(this::rewriteSoon, refresh, refresh, TimeUnit.SECONDS);
        }
    }

    /** The NUMA facts come with the allocator: a rewrite when it comes or goes. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setAllocator(NumaAllocator numa) {
        allocator = numa;
        rewriteSoon();
    }

    void unsetAllocator(NumaAllocator numa) {
        if (allocator == numa) {
            allocator = null;
            rewriteSoon();
        }
    }

    @Deactivate
    void deactivate() {
        listening.close();
        Daemons.stop(thread);
        file.delete();
    }

    /** Many changes come at once (a detection publishes several capabilities): one rewrite after them. */
    private void rewriteSoon() {
        if (due.compareAndSet(false, true)) {
            try {
                thread.schedule(this::rewrite, 100, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                due.set(false);
            }
        }
    }

    /** @return the file's text now */
    String render() {
        NumaAllocator numa = allocator;
        Optional<Instant> until = expiry.isZero() ? Optional.empty() : Optional.of(clock.instant().plus(expiry));
        return FeatureFile.render(prefix, Facts.of(registry.list(null),
                Optional.ofNullable(numa).map(NumaAllocator::topology),
                Optional.ofNullable(numa).map(NumaAllocator::isNumaAware), labels), until.orElse(null));
    }

    /** Never throws: the scheduler would stop calling a task that did. */
    void rewrite() {
        due.set(false);
        try {
            file.write(render());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + file.file() + ": " + e);
        }
    }
}
