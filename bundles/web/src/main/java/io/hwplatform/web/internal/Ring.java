package io.hwplatform.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} items, oldest first: the page's history, which must not grow with uptime. */
final class Ring<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    Ring(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    /** @return a copy, oldest first */
    synchronized List<T> items() {
        return new ArrayList<>(items);
    }
}
