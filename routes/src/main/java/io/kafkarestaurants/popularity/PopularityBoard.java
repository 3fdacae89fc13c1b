package io.kafkarestaurants.popularity;

import io.kafkarestaurants.catalog.RecentOrders;
import io.kafkarestaurants.events.RestaurantPopularity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The api's answer to "how many recent orders": a restaurant's scores on every partition
 * of {@code order}, each decayed to now, summed and rounded. It follows
 * {@code restaurant_popularity} in the background; starting it does not hold up the
 * application (until it has read the topic every restaurant has 0 recent orders), and a
 * start that fails (Kafka unreachable) is tried again after {@code retryDelay}.
 */
class PopularityBoard implements RecentOrders, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PopularityBoard.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final PopularityTopic topic;

    private final Decay decay;

    private final Clock clock;

    private final Duration retryDelay;

    private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "popularity-board-start");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean running;

    private volatile boolean following;

    PopularityBoard(PopularityTopic topic, Duration window, Clock clock, Duration retryDelay) {
        this.topic = topic;
        this.decay = new Decay(window);
        this.clock = clock;
        this.retryDelay = retryDelay;
    }

    @Override
    public int recentOrders(String restaurantId) {
        Instant now = clock.instant();
        double sum = 0;
        for (RestaurantPopularity score : topic.of(restaurantId)) {
            sum += decay.at(score, now);
        }
        return (int) Math.round(sum);
    }

    @Override
    public void start() {
        running = true;
        starter.execute(this::follow);
    }

    private void follow() {
        if (!running) {
            return;
        }
        try {
            topic.start(START_TIMEOUT);
            following = true;
            if (!running) {
                topic.stop();
                following = false;
            }
        }
        catch (RuntimeException e) {
            LOG.warn("Popularity: cannot read {} yet, trying again in {}: {}", topic.topic(), retryDelay, e.toString());
            starter.schedule(this::follow, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        starter.shutdownNow();
        if (following) {
            topic.stop();
            following = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}
