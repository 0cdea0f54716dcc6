package io.hwplatform.api.memory;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Frees memory when asked: the whiteboard SPI applications implement and register as a service. The governor asks
 * reclaimers in order of {@code service.ranking}, highest first (suggested: 1000 and up for caches that are cheap to
 * rebuild, 0 by default, below 0 for pools and warm indexes), until the bytes wanted are released. Optional service
 * property {@value #NAME} names it in the shell.
 *
 * <p>Each call runs on a governor thread within a time budget; a call that takes longer is abandoned (and the
 * reclaimer skipped until it returns), one that throws is reported; neither stops the others.
 */
@ConsumerType
public interface MemoryReclaimer {

    /** Service property: a name for the shell and the events. Defaults to the class name. */
    String NAME = "reclaimer.name";

    /**
     * @param bytesWanted how many bytes the governor would like released
     * @param level how urgently
     * @return the bytes actually released (an estimate is fine; 0 if nothing could be)
     */
    long reclaim(long bytesWanted, PressureLevel level);

    /** Pressure has been gone for a while: caches may grow back to their configured size. */
    default void relieved() {
    }
}
