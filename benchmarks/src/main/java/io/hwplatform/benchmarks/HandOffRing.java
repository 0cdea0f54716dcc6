package io.hwplatform.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer ring, so that a producer/consumer benchmark measures the allocators and
 * not a queue's locks. Padding keeps the two indexes on separate cache lines.
 */
final class HandOffRing<T> {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int CAPACITY = 1024;

    private final Object[] slots = new Object[CAPACITY];
    private long head; // written by the consumer
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    private long tail; // written by the producer

    /** Producer: @return false when full */
    boolean offer(T item) {
        int index = (int) (tail & (CAPACITY - 1));
        if (SLOTS.getAcquire(slots, index) != null) {
            return false;
        }
        SLOTS.setRelease(slots, index, item);
        tail++;
        return true;
    }

    /** Consumer: @return the oldest item, or null when empty */
    @SuppressWarnings("unchecked")
    T poll() {
        int index = (int) (head & (CAPACITY - 1));
        Object item = SLOTS.getAcquire(slots, index);
        if (item == null) {
            return null;
        }
        SLOTS.setRelease(slots, index, null);
        head++;
        return (T) item;
    }
}
