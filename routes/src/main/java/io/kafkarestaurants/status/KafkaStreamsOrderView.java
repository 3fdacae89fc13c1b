package io.kafkarestaurants.status;

import io.kafkarestaurants.events.OrderStatusChanged;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the order view's topology ({@link OrderViewTopology}) in Kafka Streams. Starting
 * it does not hold up the application: on a thread of its own it waits until a broker
 * answers, empties the store's directory, then Kafka Streams reads {@code order_status}
 * up to the end offsets it sees then (its global store's restore, through the view's
 * processor), and only then turns RUNNING, which is when this replica's view has caught
 * up and the replica may report ready. If Kafka Streams fails (a fatal error of its
 * global thread), the view is closed and started again after {@code restartDelay}; it is
 * not caught up meanwhile. Kafka Streams' start holds its lock until the restore is over,
 * so a stop during a restore does not wait for it: the view is closed in the background
 * and the application goes on stopping.
 */
class KafkaStreamsOrderView implements OrderViewSource, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamsOrderView.class);

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Topology topology;

    private final Properties config;

    private final Properties adminConfig;

    private final Duration restartDelay;

    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-view-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    private volatile KafkaStreams streams;

    private volatile ReadOnlyKeyValueStore<String, byte[]> store;

    private volatile boolean running;

    private volatile boolean starting;

    private volatile OrderViewEvents listener;

    KafkaStreamsOrderView(String topic, ObjectMapper mapper, Properties config, Properties adminConfig,
            Duration restartDelay) {
        this.topology = OrderViewTopology.build(topic, mapper, new OrderViewEvents() {
            @Override
            public void changed(OrderStatusChanged snapshot) {
                OrderViewEvents to = listener;
                if (to != null) {
                    to.changed(snapshot);
                }
            }

            @Override
            public void overtaken(OrderStatusChanged current) {
                OrderViewEvents to = listener;
                // While the store is rebuilt the topic is replayed, repairs included:
                // only a caught-up view repairs.
                if (to != null && caughtUp()) {
                    to.overtaken(current);
                }
            }
        });
        this.config = config;
        this.adminConfig = adminConfig;
        this.restartDelay = restartDelay;
    }

    @Override
    public void listen(OrderViewEvents events) {
        this.listener = events;
    }

    @Override
    public ReadOnlyKeyValueStore<String, byte[]> snapshots() {
        ReadOnlyKeyValueStore<String, byte[]> current = store;
        if (current != null) {
            return current;
        }
        KafkaStreams instance = streams;
        if (instance == null) {
            throw new org.apache.kafka.streams.errors.InvalidStateStoreException("The order view is not started");
        }
        current = instance.store(StoreQueryParameters.fromNameAndType(OrderViewTopology.STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
        store = current;
        return current;
    }

    @Override
    public boolean caughtUp() {
        KafkaStreams instance = streams;
        return instance != null && instance.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void start() {
        running = true;
        lifecycle.execute(this::startStreams);
    }

    private void startStreams() {
        if (!running) {
            return;
        }
        if (!brokerAnswers()) {
            lifecycle.schedule(this::startStreams, restartDelay.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        KafkaStreams instance = new KafkaStreams(topology, config);
        instance.setUncaughtExceptionHandler(failure -> {
            LOG.error("The order view failed; starting it again in {}", restartDelay, failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        instance.setStateListener((now, before) -> {
            LOG.info("Order view: {} -> {}", before, now);
            if (now == KafkaStreams.State.ERROR) {
                lifecycle.schedule(() -> restart(instance), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        streams = instance;
        store = null;
        starting = true;
        try {
            // Every start rebuilds the store from order_status: a store left from before
            // may hold orders whose
            // tombstones compaction has removed since, which it would then never forget.
            instance.cleanUp();
            // Blocks while the global store catches up with order_status (Kafka Streams'
            // global thread).
            instance.start();
        }
        catch (StreamsException | IllegalStateException e) {
            LOG.error("The order view did not start; starting it again in {}: {}", restartDelay, e.toString());
            lifecycle.schedule(() -> restart(instance), restartDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        finally {
            starting = false;
        }
    }

    /**
     * Whether a broker answers now: Kafka Streams would otherwise hold its start for
     * minutes, stop included.
     */
    private boolean brokerAnswers() {
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(restartDelay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.info("Order view: waiting for Kafka ({})", e.getClass().getSimpleName());
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void restart(KafkaStreams failed) {
        if (streams != failed) {
            return;
        }
        failed.close(Duration.ofSeconds(10));
        startStreams();
    }

    @Override
    public void stop() {
        running = false;
        lifecycle.shutdownNow();
        KafkaStreams instance = streams;
        if (instance == null) {
            return;
        }
        if (!starting) {
            instance.close(STOP_WAIT);
            return;
        }
        // KafkaStreams.close(Duration) would wait for the restore to end; its close()
        // does not take the lock.
        Thread closer = new Thread(instance::close, "order-view-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(STOP_WAIT.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

}
