package io.hwplatform.memory.internal;

import io.hwplatform.api.memory.MemoryCapabilities;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.memory.MemoryListener;
import io.hwplatform.api.memory.MemoryPressure;
import io.hwplatform.api.memory.ReclaimReport;
import io.hwplatform.api.memory.ReclaimerResult;
import io.hwplatform.api.memory.Subscription;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts pressure and reclaim events on Event Admin, while it is there. The only class that touches the optionally
 * imported Event Admin package. Events are notifications: no handler ever does reclaim work.
 */
@Component(immediate = true, service = {})
public final class MemoryEventPublisher implements MemoryListener {

    private final EventAdmin eventAdmin;
    private final Subscription subscription;

    @Activate
    public MemoryEventPublisher(@Reference MemoryGovernor governor, @Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
        this.subscription = governor.watch(this);
    }

    @Deactivate
    void deactivate() {
        subscription.close();
    }

    @Override
    public void pressure(MemoryPressure pressure) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("level", pressure.level().id());
        properties.put("source", pressure.source());
        properties.put("bytes.wanted", pressure.bytesWanted());
        properties.put("detail", pressure.detail());
        properties.put("timestamp", pressure.time().toEpochMilli());
        eventAdmin.postEvent(new Event(MemoryCapabilities.TOPIC_PRESSURE, properties));
    }

    @Override
    public void reclaimed(ReclaimReport report) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("level", report.level().id());
        properties.put("trigger", report.trigger());
        properties.put("bytes.wanted", report.bytesWanted());
        properties.put("bytes.released", report.bytesReleased());
        properties.put("bytes.returned", report.returnedBytes());
        properties.put("resident.before", report.residentBefore());
        properties.put("resident.after", report.residentAfter());
        properties.put("duration.ms", report.millis());
        properties.put("reclaimers", report.results().stream().map(ReclaimerResult::name).toArray(String[]::new));
        properties.put("timestamp", report.time().toEpochMilli());
        eventAdmin.postEvent(new Event(MemoryCapabilities.TOPIC_RECLAIMED, properties));
    }
}
