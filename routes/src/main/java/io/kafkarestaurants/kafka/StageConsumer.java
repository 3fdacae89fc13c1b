package io.kafkarestaurants.kafka;

import io.confluent.parallelconsumer.PCRetriableException;
import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.confluent.parallelconsumer.PollContext;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each record of a stage's topics to the route as an exchange with camel-kafka's headers (topic, partition,
 * offset, key) plus {@value #ATTEMPT}, the attempt this is (1 for the first). A record whose exchange ends without
 * an exception is finished: its offset is committed once every record before it is finished too. A record whose
 * exchange fails is retried after the component's retry delay, on any worker, while other records go on; the route
 * decides when to stop trying (stage-errors dead-letters the last attempt and ends the exchange normally).
 */
public class StageConsumer extends DefaultConsumer {

    /** The header that tells the route which attempt at this record it is running (1, 2, ...). */
    public static final String ATTEMPT = "stageAttempt";

    private static final Logger LOG = LoggerFactory.getLogger(StageConsumer.class);

    private ParallelStreamProcessor<String, String> processor;

    StageConsumer(StageConsumerEndpoint endpoint, Processor routeProcessor) {
        super(endpoint, routeProcessor);
    }

    @Override
    public StageConsumerEndpoint getEndpoint() {
        return (StageConsumerEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        StageConsumerEndpoint endpoint = getEndpoint();
        StageConsumerComponent component = endpoint.getComponent();
        Properties props = component.consumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, endpoint.getGroupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, endpoint.getGroupId() + "-" + getRouteId());
        ParallelConsumerOptions<String, String> options = ParallelConsumerOptions.<String, String>builder()
                .consumer(new KafkaConsumer<>(props))
                // Records of one orderId never run at once; records of different orders do, in any partition.
                .ordering(ProcessingOrder.KEY)
                .maxConcurrency(endpoint.getMaxConcurrency())
                .commitMode(CommitMode.PERIODIC_CONSUMER_SYNC)
                .retryDelayProvider(record -> component.retryDelay().apply(record.getNumberOfFailedAttempts()))
                .meterRegistry(component.meterRegistry())
                .pcInstanceTag(getRouteId())
                .build();
        options.setCommitInterval(Duration.ofMillis(endpoint.getCommitIntervalMs()));
        processor = ParallelStreamProcessor.createEosStreamProcessor(options);
        processor.subscribe(endpoint.getTopics());
        processor.poll(this::consume);
    }

    private void consume(PollContext<String, String> context) {
        ConsumerRecord<String, String> record = context.getSingleConsumerRecord();
        int attempt = context.getSingleRecord().getNumberOfFailedAttempts() + 1;
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            message.setBody(record.value());
            message.setHeader(KafkaConstants.TOPIC, record.topic());
            message.setHeader(KafkaConstants.PARTITION, record.partition());
            message.setHeader(KafkaConstants.OFFSET, record.offset());
            message.setHeader(KafkaConstants.KEY, record.key());
            message.setHeader(KafkaConstants.TIMESTAMP, record.timestamp());
            message.setHeader(ATTEMPT, attempt);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure != null) {
                LOG.warn("Attempt {} at {}/{}@{} (key {}) failed, retrying later: {}: {}", attempt, record.topic(),
                        record.partition(), record.offset(), record.key(), failure.getClass().getSimpleName(),
                        failure.getMessage());
                throw new PCRetriableException("attempt " + attempt + " failed", failure);
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (processor != null) {
            // Finish what is in flight and commit it: a rolling restart repeats (and so dedupes) as little as it can.
            processor.closeDrainFirst(Duration.ofSeconds(30));
            processor = null;
        }
        super.doStop();
    }
}
