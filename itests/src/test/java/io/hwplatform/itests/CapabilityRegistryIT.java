package io.hwplatform.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.hwplatform.api.capability.CapabilityEvent;
import io.hwplatform.api.capability.CapabilityRegistration;
import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.itests.consumer.NumaAwareWorker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/** The capability registry in a real framework: lifecycle, queries, listeners, events, DS consumers and the shell. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CapabilityRegistryIT {

    private static final long WAIT_MILLIS = 5_000;

    @Inject
    private CapabilityRegistry registry;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return options(PlatformOptions.base(), PlatformOptions.consumers());
    }

    @Test
    public void registeredCapabilityIsFoundListedAndFilteredUntilClosed() {
        CapabilityRegistration numa = registry.register("numa", Map.of("numa.nodes", 4, "numa.node.ids", new int[] {0, 1, 2, 3}));

        PlatformCapability found = registry.find("numa").orElseThrow();
        assertEquals(4, found.attributes().get("numa.nodes"));
        assertEquals(List.of(0, 1, 2, 3), found.attributes().get("numa.node.ids"));
        assertEquals(context.getBundle(), found.bundle());
        assertEquals(1, registry.list("(&(platform.capability=numa)(numa.nodes>=2))").size());
        assertTrue(registry.list("(numa.nodes>=5)").isEmpty());
        assertTrue(registry.list(null).stream().anyMatch(capability -> capability.name().equals("numa")));

        numa.close();
        numa.close(); // harmless

        assertFalse(registry.find("numa").isPresent());
        assertTrue(registry.list(PlatformCapability.filter("numa")).isEmpty());
    }

    @Test
    public void capabilityIsAnOrdinaryServiceSelectableByFilter() throws Exception {
        try (CapabilityRegistration ignored = registry.register("hypervisor.kvm", Map.of("vendor", "QEMU"))) {
            var references = context.getServiceReferences(PlatformCapability.class, "(platform.capability=hypervisor.kvm)");
            assertEquals(1, references.size());
            assertEquals("QEMU", references.iterator().next().getProperty("vendor"));
        }
    }

    @Test
    public void badInputIsRejectedWithClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> registry.register("Not A Name", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> registry.register("numa", Map.of("service.ranking", 5)));
        IllegalArgumentException badFilter =
                assertThrows(IllegalArgumentException.class, () -> registry.list("(numa.nodes>=2"));
        assertTrue(badFilter.getMessage(), badFilter.getMessage().contains("not a valid LDAP filter"));
        assertThrows(IllegalArgumentException.class, () -> registry.addListener("((", event -> { }));
    }

    @Test
    public void listenerSeesExistingThenChangesAndNothingAfterClose() {
        CapabilityRegistration early = registry.register("balloon.virtio", Map.of("bound", false));
        BlockingQueue<CapabilityEvent> events = new LinkedBlockingQueue<>();
        CapabilityRegistry.ListenerRegistration listener = registry.addListener("(platform.capability=balloon.*)", events::add);

        assertEvent(events.poll(), CapabilityEvent.Type.REGISTERED, "balloon.virtio");
        early.update(Map.of("bound", true));
        CapabilityEvent modified = events.poll();
        assertEvent(modified, CapabilityEvent.Type.MODIFIED, "balloon.virtio");
        assertEquals(true, modified.capability().attributes().get("bound"));
        assertEquals(true, early.capability().attributes().get("bound"));
        CapabilityRegistration unrelated = registry.register("numa", Map.of());
        assertTrue("a capability outside the filter is not reported", events.isEmpty());
        early.close();
        assertEvent(events.poll(), CapabilityEvent.Type.UNREGISTERED, "balloon.virtio");

        listener.close();
        registry.register("balloon.xen", Map.of()).close();
        assertTrue("a closed listener hears nothing", events.isEmpty());
        unrelated.close();
        assertThrows(IllegalStateException.class, () -> early.update(Map.of()));
    }

    @Test
    public void capabilitiesOfAStoppedBundleAreGone() throws Exception {
        Bundle provider = context.installBundle("itest:provider", TestBundles.empty("io.hwplatform.itests.provider"));
        provider.start();
        BlockingQueue<CapabilityEvent> events = new LinkedBlockingQueue<>();
        registry.addListener(PlatformCapability.filter("memory.pressure.psi"), events::add);

        // The registry is bundle-scoped: the provider gets its own instance, and what it registers is its own.
        BundleContext providerContext = provider.getBundleContext();
        CapabilityRegistry providerRegistry =
                providerContext.getService(providerContext.getServiceReference(CapabilityRegistry.class));
        providerRegistry.register("memory.pressure.psi", Map.of("psi.some.avg10", 0.5));
        assertSame(provider, registry.find("memory.pressure.psi").orElseThrow().bundle());
        assertEvent(events.poll(), CapabilityEvent.Type.REGISTERED, "memory.pressure.psi");

        provider.stop();

        assertFalse(registry.find("memory.pressure.psi").isPresent());
        assertEvent(events.poll(), CapabilityEvent.Type.UNREGISTERED, "memory.pressure.psi");
        provider.uninstall();
    }

    /**
     * The service object a foreign bundle gets is read-only: it cannot be cast to the owner's registration, its
     * attribute maps cannot be changed, and a map once handed out never changes; only the owner's handle can update
     * or withdraw the capability.
     */
    @Test
    public void aForeignBundleCanNeitherWithdrawNorChangeAnotherBundlesCapability() throws Exception {
        Bundle owner = context.installBundle("itest:owner", TestBundles.empty("io.hwplatform.itests.owner"));
        owner.start();
        try {
            BundleContext ownerContext = owner.getBundleContext();
            CapabilityRegistry ownerRegistry =
                    ownerContext.getService(ownerContext.getServiceReference(CapabilityRegistry.class));
            CapabilityRegistration handle = ownerRegistry.register("balloon.virtio", Map.of("balloon.bound", true));

            // This test's own bundle is the foreign one.
            var reference = context.getServiceReferences(PlatformCapability.class,
                    PlatformCapability.filter("balloon.virtio")).iterator().next();
            PlatformCapability seen = context.getService(reference);
            assertFalse("the service object is not the owner's handle", seen instanceof CapabilityRegistration);
            assertFalse(seen instanceof AutoCloseable);
            Map<String, Object> before = seen.attributes();
            assertThrows(UnsupportedOperationException.class, () -> before.put("balloon.bound", false));
            assertThrows(UnsupportedOperationException.class, () -> before.remove("balloon.bound"));
            assertSame(owner, seen.bundle());

            handle.update(Map.of("balloon.bound", false));

            assertEquals("a map handed out never changes under its reader", true, before.get("balloon.bound"));
            assertEquals("the service shows the owner's new snapshot", false, seen.attributes().get("balloon.bound"));
            assertEquals(false, registry.find("balloon.virtio").orElseThrow().attributes().get("balloon.bound"));
            context.ungetService(reference);
            assertTrue("still published: the foreign bundle could not withdraw it",
                    registry.find("balloon.virtio").isPresent());
            handle.close();
            assertFalse(registry.find("balloon.virtio").isPresent());
        } finally {
            owner.uninstall();
        }
    }

    @Test
    public void listingAndListeningRefuseTheSameHostileFilters() {
        for (String hostile : List.of("(a=b)(c=d)", "(a=b))(|(objectClass=*)", "*)(objectClass=*", "(numa.nodes>=2")) {
            IllegalArgumentException listed = assertThrows(IllegalArgumentException.class, () -> registry.list(hostile));
            IllegalArgumentException listened =
                    assertThrows(IllegalArgumentException.class, () -> registry.addListener(hostile, event -> { }));
            assertEquals(listed.getMessage(), listened.getMessage());
        }
    }

    @Test
    public void changesArePostedOnEventAdmin() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Hashtable<String, Object> handlerProperties = new Hashtable<>();
        handlerProperties.put(EventConstants.EVENT_TOPIC, "io/hwplatform/capability/*");
        handlerProperties.put(EventConstants.EVENT_FILTER, "(platform.capability=numa)");
        context.registerService(EventHandler.class, events::add, handlerProperties);

        CapabilityRegistration numa = registry.register("numa", Map.of("numa.nodes", 2));
        Event registered = events.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        numa.close();
        Event unregistered = events.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertNotNull("REGISTERED event", registered);
        assertEquals(CapabilityEvent.TOPIC_REGISTERED, registered.getTopic());
        assertEquals(2, registered.getProperty("numa.nodes"));
        assertEquals(context.getBundle().getSymbolicName(), registered.getProperty(EventConstants.BUNDLE_SYMBOLICNAME));
        assertNotNull("UNREGISTERED event", unregistered);
        assertEquals(CapabilityEvent.TOPIC_UNREGISTERED, unregistered.getTopic());
    }

    @Test
    public void targetFilteredComponentLivesExactlyAsLongAsTheCapability() throws Exception {
        ServiceTracker<NumaAwareWorker, NumaAwareWorker> workers = new ServiceTracker<>(context, NumaAwareWorker.class, null);
        workers.open();
        try {
            assertTrue("no numa capability, no worker", workers.isEmpty());

            CapabilityRegistration numa = registry.register("numa", Map.of("numa.nodes", 2));
            NumaAwareWorker worker = workers.waitForService(WAIT_MILLIS);
            assertNotNull("the worker activates when numa appears", worker);
            assertEquals(2, worker.nodes());

            numa.close();
            assertTrue("the worker deactivates when numa goes", workers.isEmpty());
        } finally {
            workers.close();
        }
    }

    @Test
    public void shellListsCapabilitiesAsOneJsonDocument() throws Exception {
        try (CapabilityRegistration ignored = registry.register("numa", Map.of("numa.nodes", 2))) {
            String json = run("platform:capabilities --json");
            assertTrue(json, json.startsWith("{\"capabilities\":[") && json.endsWith("]}"));
            assertTrue(json, json.contains("{\"name\":\"numa\",\"attributes\":{\"numa.nodes\":2},\"bundle\":\""
                    + context.getBundle().getSymbolicName() + "\"}"));
            assertTrue(run("platform:capabilities").startsWith("NAME"));
            assertTrue(run("platform:capabilities --json '(platform.capability=nothing)'").equals("{\"capabilities\":[]}"));
        }
    }

    private String run(String command) throws Exception {
        CommandProcessor processor = context.getService(context.getServiceReference(CommandProcessor.class));
        try (CommandSession session = processor.createSession(System.in,
                new PrintStream(OutputStream.nullOutputStream()), System.err)) {
            Object result = session.execute(command);
            return String.valueOf(result).trim();
        }
    }

    private static void assertEvent(CapabilityEvent event, CapabilityEvent.Type type, String name) {
        assertNotNull("expected " + type + " of " + name, event);
        assertEquals(type, event.type());
        assertEquals(name, event.capability().name());
    }
}
