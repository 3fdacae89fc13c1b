package io.kafkarestaurants.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.events.OrderStatusChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The order view's real topology ({@link OrderViewTopology}, RocksDB store and all)
 * driven by Kafka Streams' TopologyTestDriver instead of a broker: a test pipes
 * {@code order_status} records into it and each is applied at once. Route tests replace
 * the {@code orderViewSource} bean with it ({@code @TestBean}), so the api role runs, and
 * is ready, without Kafka.
 */
public final class DrivenOrderView implements OrderViewSource, AutoCloseable {

    public static final String TOPIC = "order_status";

    /**
     * For
     * {@code @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)}.
     */
    public static final String FACTORY = "io.kafkarestaurants.status.DrivenOrderView#create";

    private final ObjectMapper mapper;

    private final TopologyTestDriver driver;

    private final TestInputTopic<String, byte[]> input;

    private volatile OrderViewEvents listener;

    public DrivenOrderView() {
        this.mapper = Jackson2ObjectMapperBuilder.json().build();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-view-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, OrderViewRocksDb.class);
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "order-view").toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(OrderViewTopology.build(TOPIC, mapper, new OrderViewEvents() {
            @Override
            public void changed(OrderStatusChanged snapshot) {
                listener.changed(snapshot);
            }

            @Override
            public void overtaken(OrderStatusChanged current) {
                listener.overtaken(current);
            }
        }), config);
        input = driver.createInputTopic(TOPIC, Serdes.String().serializer(), Serdes.ByteArray().serializer());
    }

    public static DrivenOrderView create() {
        return new DrivenOrderView();
    }

    /** One snapshot on order_status, as a stage publishes it. */
    public void publish(OrderStatusChanged snapshot) {
        try {
            publish(snapshot.orderId(), mapper.writeValueAsBytes(snapshot));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any record on order_status: a tombstone (null value), garbage, ... */
    public void publish(String orderId, byte[] value) {
        input.pipeInput(orderId, value);
    }

    @Override
    public ReadOnlyKeyValueStore<String, byte[]> snapshots() {
        return driver.getKeyValueStore(OrderViewTopology.STORE);
    }

    /**
     * The JSON mapper the view reads and the test writes snapshots with (Spring's
     * settings).
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public boolean caughtUp() {
        return true;
    }

    @Override
    public void listen(OrderViewEvents events) {
        this.listener = events;
    }

    @Override
    public void close() {
        driver.close();
    }

}
