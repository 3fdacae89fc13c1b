package io.kafkarestaurants.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * {@code stage-kafka:topic1,topic2?groupId=...}: the consumer of a pipeline stage. Built
 * on Confluent's parallel consumer (key-level parallel processing with offset tracking),
 * so a stage works on many records of a partition at once, commits an offset only below
 * the lowest unfinished record, and retries a failed record later, with backoff, while
 * the records behind it go on. Camel's own kafka consumer handles a partition one record
 * at a time.
 */
public class StageConsumerComponent extends DefaultComponent {

    private final Properties consumerProperties;

    private final IntFunction<Duration> retryDelay;

    private final MeterRegistry meterRegistry;

    private final Function<Properties, Consumer<String, String>> consumers;

    /**
     * @param consumerProperties the Kafka client settings every stage shares (bootstrap
     * servers, security)
     * @param retryDelay how long to wait before attempt n + 1 after n failed attempts
     */
    StageConsumerComponent(Properties consumerProperties, IntFunction<Duration> retryDelay,
            MeterRegistry meterRegistry) {
        this(consumerProperties, retryDelay, meterRegistry, KafkaConsumer::new);
    }

    /**
     * As above, with the Kafka consumers made by {@code consumers} from their settings
     * (tests).
     */
    StageConsumerComponent(Properties consumerProperties, IntFunction<Duration> retryDelay, MeterRegistry meterRegistry,
            Function<Properties, Consumer<String, String>> consumers) {
        this.consumers = consumers;
        this.consumerProperties = consumerProperties;
        this.retryDelay = retryDelay;
        this.meterRegistry = meterRegistry;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        StageConsumerEndpoint endpoint = new StageConsumerEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        if (endpoint.getGroupId() == null || endpoint.getGroupId().isBlank()) {
            throw new IllegalArgumentException("stage-kafka:" + remaining + " needs a groupId");
        }
        return endpoint;
    }

    Properties consumerProperties() {
        Properties copy = new Properties();
        copy.putAll(consumerProperties);
        return copy;
    }

    Consumer<String, String> createConsumer(Properties properties) {
        return consumers.apply(properties);
    }

    IntFunction<Duration> retryDelay() {
        return retryDelay;
    }

    MeterRegistry meterRegistry() {
        return meterRegistry;
    }

}
