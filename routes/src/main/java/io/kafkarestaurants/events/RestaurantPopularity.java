package io.kafkarestaurants.events;

import java.time.Instant;

/**
 * Value of the compacted {@code restaurant_popularity} topic (key
 * {@code <restaurantId>@<partition>}): the decayed count of one restaurant's orders among
 * the records of one partition of {@code order}, counting every record of that partition
 * up to and including {@code offset}, as of {@code asOf} (the newest counted record's
 * timestamp). Written only by the transactions process that owns the partition; the api
 * sums a restaurant's values over the partitions.
 */
public record RestaurantPopularity(String eventType, int schemaVersion, String restaurantId, int partition,
        double score, Instant asOf, long offset) {

    public static final String TYPE = "RestaurantPopularity";

    public RestaurantPopularity {
        if (!TYPE.equals(eventType)) {
            throw new InvalidEventException("eventType must be " + TYPE + " but was " + eventType);
        }
        if (restaurantId == null || restaurantId.isBlank() || asOf == null || partition < 0 || offset < 0
                || !(score >= 0)) {
            throw new InvalidEventException(TYPE + " needs a restaurantId, a partition, a score, asOf and an offset");
        }
    }

    public static RestaurantPopularity of(String restaurantId, int partition, double score, Instant asOf, long offset) {
        return new RestaurantPopularity(TYPE, Events.SCHEMA_VERSION, restaurantId, partition, score, asOf, offset);
    }

    /**
     * The record key: one key per restaurant and partition of {@code order}, so one
     * writer per key.
     */
    public static String keyOf(String restaurantId, int partition) {
        return restaurantId + "@" + partition;
    }

    public String key() {
        return keyOf(restaurantId, partition);
    }
}
