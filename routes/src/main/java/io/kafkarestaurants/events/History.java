package io.kafkarestaurants.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Histories travel with the events, so every stage can publish a complete status
 * snapshot.
 */
public final class History {

    private History() {
    }

    public static List<StatusEntry> append(List<StatusEntry> history, StatusEntry next) {
        List<StatusEntry> longer = new ArrayList<>(history == null ? List.of() : history);
        longer.add(next);
        return List.copyOf(longer);
    }

}
