package io.kafkarestaurants.popularity;

import io.kafkarestaurants.events.RestaurantPopularity;
import java.time.Duration;
import java.time.Instant;

/**
 * Exponential decay over a window: an order {@code age} old weighs
 * {@code e^(-age/window)}. At a steady rate the sum of the weights is the number of
 * orders in one window (rate x window), which is what the site shows as recent orders; an
 * order one window old still counts 0.37, three windows old 0.05. Ages are measured from
 * the order records' own timestamps, so counting the same records again, after a restart
 * or elsewhere, gives the same score.
 */
final class Decay {

    private final double windowMillis;

    Decay(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("restaurants.popularity.window must be positive but was " + window);
        }
        this.windowMillis = window.toMillis();
    }

    /**
     * {@code current} (null: none yet) plus one order at {@code at}, the record at
     * {@code offset}.
     */
    RestaurantPopularity counted(RestaurantPopularity current, String restaurantId, int partition, long offset,
            Instant at) {
        if (current == null) {
            return RestaurantPopularity.of(restaurantId, partition, 1, at, offset);
        }
        if (at.isAfter(current.asOf())) {
            double score = current.score() * weight(Duration.between(current.asOf(), at)) + 1;
            return RestaurantPopularity.of(restaurantId, partition, score, at, offset);
        }
        // A record older than the newest counted (producer clocks differ): its weight as
        // of the newest.
        double score = current.score() + weight(Duration.between(at, current.asOf()));
        return RestaurantPopularity.of(restaurantId, partition, score, current.asOf(), offset);
    }

    /**
     * The score decayed to {@code now} (never grown: a score from a clock ahead of ours
     * is taken as of now).
     */
    double at(RestaurantPopularity popularity, Instant now) {
        if (!now.isAfter(popularity.asOf())) {
            return popularity.score();
        }
        return popularity.score() * weight(Duration.between(popularity.asOf(), now));
    }

    private double weight(Duration age) {
        return Math.exp(-age.toMillis() / windowMillis);
    }

}
