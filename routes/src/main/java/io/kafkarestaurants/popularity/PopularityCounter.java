package io.kafkarestaurants.popularity;

import io.kafkarestaurants.events.RestaurantPopularity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Counts the orders of the partitions of {@code order} this process owns, per restaurant
 * and partition, as decayed scores ({@link Decay}), and says when to publish them to
 * {@code restaurant_popularity}. Each score counts every record of its partition up to
 * its offset, so a record at or below it was counted already: a replay after a crash, a
 * rebalance or a restart counts nothing twice. The popularity-count route commits an
 * offset of {@code order} only once the scores that count it are acknowledged, so nothing
 * a crash loses is lost: it is counted again.
 *
 * <p>
 * It is the camel-kafka consumer's offset repository for one reason: the consumer asks it
 * for each partition it is assigned ({@link #getState}) before it hands over any record
 * of it, which tells it to take up the scores the topic holds for the partition (a
 * previous owner's, or its own from before a restart) before it counts the partition's
 * next record. It answers no offset, so the consumer starts from the group's committed
 * one; it stores none either ({@link #setState}): the route commits to the group itself.
 * It reads the topic from the first partition it takes up on, so a process whose broker
 * is not there yet starts anyway.
 */
public class PopularityCounter extends ServiceSupport implements StateRepository<String, String> {

    private final PopularityTopic topic;

    private final Decay decay;

    private final Duration publishInterval;

    private final Duration startTimeout;

    private final Clock clock;

    private final Map<Integer, Owned> partitions = new HashMap<>();

    private boolean following;

    PopularityCounter(PopularityTopic topic, Duration window, Duration publishInterval, Duration startTimeout,
            Clock clock) {
        this.topic = topic;
        this.decay = new Decay(window);
        this.publishInterval = publishInterval;
        this.startTimeout = startTimeout;
        this.clock = clock;
    }

    /**
     * Scores of one partition to publish together; the route tells {@link #published} or
     * {@link #notPublished}.
     */
    public record Batch(int partition, List<RestaurantPopularity> scores) {
    }

    /**
     * Counts the order record at {@code offset} of {@code partition} for its restaurant;
     * false (nothing changes) when that restaurant's score on the partition counted it
     * already. The first record of a partition assigned to this process takes up the
     * partition's scores from {@code restaurant_popularity} first; if the topic cannot be
     * read, this throws and the record is consumed again.
     */
    public synchronized boolean count(String restaurantId, int partition, long offset, long timestamp) {
        Owned owned = owned(partition);
        if (!owned.takenUp) {
            takeUp(owned, partition);
        }
        RestaurantPopularity current = owned.scores.get(restaurantId);
        if (current != null && offset <= current.offset()) {
            return false;
        }
        owned.scores.put(restaurantId,
                decay.counted(current, restaurantId, partition, offset, Instant.ofEpochMilli(timestamp)));
        owned.changed.add(restaurantId);
        return true;
    }

    /**
     * The scores of {@code partition} changed since they were last published, when it is
     * time to publish them (at most once per publish interval, one batch of a partition
     * at a time); null otherwise.
     */
    public synchronized Batch due(int partition) {
        return batch(owned(partition), clock.instant());
    }

    /**
     * The batches due on every partition (the publish timer's: partitions whose orders
     * stopped coming).
     */
    public synchronized List<Batch> dueAll() {
        Instant now = clock.instant();
        List<Batch> due = new ArrayList<>();
        for (Owned owned : partitions.values()) {
            Batch batch = batch(owned, now);
            if (batch != null) {
                due.add(batch);
            }
        }
        return due;
    }

    /**
     * Every score of the batch is acknowledged: the offsets it counts may be committed.
     */
    public synchronized void published(Batch batch) {
        Owned owned = owned(batch.partition());
        owned.publishing = false;
        owned.published = clock.instant();
    }

    /**
     * The batch was not (all) acknowledged: its restaurants are published again with the
     * next batch.
     */
    public synchronized void notPublished(Batch batch) {
        Owned owned = owned(batch.partition());
        batch.scores().forEach(score -> owned.changed.add(score.restaurantId()));
        owned.publishing = false;
    }

    /**
     * Called by the camel-kafka consumer for each partition assigned to it
     * ({@code <topic>/<partition>}), before any of its records: the partition's scores
     * are taken up again with its next record. Answers null: start from the group's
     * committed offset.
     */
    @Override
    public synchronized String getState(String key) {
        owned(Integer.parseInt(key.substring(key.lastIndexOf('/') + 1))).takenUp = false;
        return null;
    }

    /**
     * Reads {@code restaurant_popularity} up to its end, then keeps, per restaurant,
     * whichever score counted further: the topic's (a previous owner's, or this process's
     * before a restart) or its own (from an earlier ownership).
     */
    private void takeUp(Owned owned, int partition) {
        try {
            if (!following) {
                topic.start(startTimeout);
                following = true;
            }
            topic.caughtUp().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new RuntimeCamelException("Could not read " + topic.topic() + " to take up partition " + partition,
                    e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeCamelException(e);
        }
        for (RestaurantPopularity score : topic.ofPartition(partition)) {
            RestaurantPopularity mine = owned.scores.get(score.restaurantId());
            if (mine == null || score.offset() > mine.offset()) {
                owned.scores.put(score.restaurantId(), score);
                owned.changed.remove(score.restaurantId());
            }
        }
        owned.takenUp = true;
    }

    /**
     * Nothing: the popularity-count route commits the offsets of {@code order} to the
     * group.
     */
    @Override
    public void setState(String key, String value) {
        // The offsets this is told are those processed, not those whose scores are
        // acknowledged.
    }

    @Override
    protected synchronized void doStop() {
        if (following) {
            topic.stop();
            following = false;
        }
    }

    private Batch batch(Owned owned, Instant now) {
        if (owned.changed.isEmpty() || owned.publishing
                || (owned.published != null && owned.published.plus(publishInterval).isAfter(now))) {
            return null;
        }
        List<RestaurantPopularity> scores = owned.changed.stream().map(owned.scores::get).toList();
        owned.changed.clear();
        owned.publishing = true;
        return new Batch(scores.get(0).partition(), scores);
    }

    private Owned owned(int partition) {
        return partitions.computeIfAbsent(partition, p -> new Owned());
    }

    /**
     * One partition's scores, the restaurants changed since the last publish, and the
     * publish in flight.
     */
    private static final class Owned {

        final Map<String, RestaurantPopularity> scores = new HashMap<>();

        final Set<String> changed = new LinkedHashSet<>();

        boolean takenUp;

        boolean publishing;

        Instant published;

    }

}
