package io.kafkarestaurants.kafka;

import io.confluent.parallelconsumer.PCRetriableException;
import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import io.confluent.parallelconsumer.PollContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands each record of a stage's topics to the route as an exchange with camel-kafka's
 * headers (topic, partition, offset, key), the record's trace headers
 * ({@link TraceHeaders}: the route continues the trace of whoever produced it) plus
 * {@value #ATTEMPT}, the attempt this is (1 for the first). A record whose exchange ends
 * without an exception is finished: its offset is committed once every record before it
 * is finished too. A record whose exchange fails is retried after the component's retry
 * delay, on any worker, while other records go on; the route decides when to stop trying
 * (stage-errors dead-letters the last attempt and ends the exchange normally).
 *
 * <p>
 * When partitions move between the stage's processes, {@link OwnedPartitions} makes the
 * stage's memory (the endpoint's {@code memory}) trustworthy for the records consumed
 * again: a record of a newly assigned partition reaches the route only once the memory
 * has read everything recorded before the assignment (an attempt that waited too long is
 * put back, tried again later and not counted in {@value #ATTEMPT}); a revoked partition
 * is given up only once the records of it in flight here have finished.
 *
 * <p>
 * Metrics, tagged with the consumer group: {@code restaurants.stage.retries} counts the
 * attempts that failed and will be tried again, and the Kafka consumer's own client
 * metrics are bound (Micrometer's KafkaClientMetrics), among them
 * {@code kafka.consumer.fetch.manager.records.lag} per assigned partition: the group's
 * lag as its consumers see it at their last fetch.
 */
public class StageConsumer extends DefaultConsumer {

    /**
     * The header that tells the route which attempt at this record it is running (1, 2,
     * ...).
     */
    public static final String ATTEMPT = "stageAttempt";

    private static final Logger LOG = LoggerFactory.getLogger(StageConsumer.class);

    private ParallelStreamProcessor<String, String> processor;

    private OwnedPartitions owned;

    private List<Meter> meters = List.of();

    private Counter retries;

    private KafkaClientMetrics clientMetrics;

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
        Duration revocationTimeout = Duration.ofMillis(endpoint.getRevocationTimeoutMs());
        owned = new OwnedPartitions(this::memoryCaughtUp, Duration.ofMillis(endpoint.getCatchUpTimeoutMs()),
                revocationTimeout);
        Tags tags = Tags.of("route", getRouteId());
        Tags group = Tags.of("group", endpoint.getGroupId());
        MeterRegistry registry = component.meterRegistry();
        retries = Counter.builder("restaurants.stage.retries")
            .description("Attempts at a record that failed and are tried again later, after a backoff")
            .tags(group)
            .register(registry);
        meters = List.of(
                Gauge.builder("stage.consumer.waiting.for.memory", owned, OwnedPartitions::waitingForMemory)
                    .description("Records of newly assigned partitions waiting for the stage's memory to catch up")
                    .tags(tags)
                    .register(registry),
                Gauge.builder("stage.consumer.awaited.by.revocation", owned, OwnedPartitions::awaitedByRevocation)
                    .description("Records of revoked partitions a rebalance is waiting for")
                    .tags(tags)
                    .register(registry),
                retries);
        Consumer<String, String> consumer = component.createConsumer(props);
        clientMetrics = new KafkaClientMetrics(consumer, group);
        clientMetrics.bindTo(registry);
        ParallelConsumerOptions<String, String> options = ParallelConsumerOptions.<String, String>builder()
            .consumer(consumer)
            // Records of one orderId never run at once; records of different orders do,
            // in any partition.
            .ordering(ProcessingOrder.KEY)
            .maxConcurrency(endpoint.getMaxConcurrency())
            .commitMode(CommitMode.PERIODIC_CONSUMER_SYNC)
            .retryDelayProvider(record -> component.retryDelay().apply(record.getNumberOfFailedAttempts()))
            .meterRegistry(component.meterRegistry())
            .pcInstanceTag(getRouteId())
            // The parallel consumer's control thread waits this long for a commit by the
            // poll thread, which a
            // revocation holds while it waits for the records in flight
            // (OwnedPartitions): past it, it stops.
            .offsetCommitTimeout(revocationTimeout.plusSeconds(30))
            .build();
        options.setCommitInterval(Duration.ofMillis(endpoint.getCommitIntervalMs()));
        processor = ParallelStreamProcessor.createEosStreamProcessor(options);
        // The parallel consumer calls this listener after its own (which commits what is
        // finished).
        processor.subscribe(endpoint.getTopics(), owned);
        processor.poll(this::consume);
    }

    /**
     * A memory in this process's heap (route tests) is never behind; a Kafka-backed one
     * tells when it caught up.
     */
    private CompletableFuture<Void> memoryCaughtUp() {
        return getEndpoint().getMemory() instanceof StageMemory memory ? memory.caughtUp()
                : CompletableFuture.completedFuture(null);
    }

    private void consume(PollContext<String, String> context) {
        ConsumerRecord<String, String> record = context.getSingleConsumerRecord();
        // What this consumer logs about the record carries the record's trace id, as the
        // route's log lines do.
        String traceId = TraceHeaders.traceId(record.headers());
        try {
            putTraceId(traceId);
            work(context, record, traceId);
        }
        finally {
            MDC.remove(TraceHeaders.MDC_TRACE_ID);
        }
    }

    private void work(PollContext<String, String> context, ConsumerRecord<String, String> record, String traceId) {
        OwnedPartitions.Work work;
        try {
            work = owned.begin(record);
        }
        catch (OwnedPartitions.NotReadyException e) {
            if (e.worthALog()) {
                LOG.warn("Record {}/{}@{} (key {}) put back, tried again later: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
            }
            else {
                LOG.debug("Record {}/{}@{} (key {}) not worked on: {}", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
            }
            throw new PCRetriableException("not ready: " + e.getMessage(), e);
        }
        boolean finished = false;
        try {
            int attempt = context.getSingleRecord().getNumberOfFailedAttempts() + 1 - work.attemptsPutBack();
            Exception failure = runRoute(record, attempt);
            // Camel's tracer took the trace id out of the MDC when the route ended.
            putTraceId(traceId);
            if (failure != null) {
                LOG.warn("Attempt {} at {}/{}@{} (key {}) failed, retrying later: {}: {}", attempt, record.topic(),
                        record.partition(), record.offset(), record.key(), failure.getClass().getSimpleName(),
                        failure.getMessage());
                retries.increment();
                throw new PCRetriableException("attempt " + attempt + " failed", failure);
            }
            finished = true;
        }
        finally {
            owned.end(work, finished);
        }
    }

    /** Runs the route on the record; the exception it ended with, or null. */
    private Exception runRoute(ConsumerRecord<String, String> record, int attempt) {
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
            TraceHeaders.copy(record.headers(), message);
            try {
                getProcessor().process(exchange);
            }
            catch (Exception e) {
                exchange.setException(e);
            }
            return exchange.getException();
        }
        finally {
            releaseExchange(exchange, false);
        }
    }

    private static void putTraceId(String traceId) {
        if (traceId != null) {
            MDC.put(TraceHeaders.MDC_TRACE_ID, traceId);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (processor != null) {
            // Finish what is in flight and what was polled, commit it, then leave the
            // group: a rolling restart
            // repeats (and so dedupes) as little as it can.
            processor.closeDrainFirst(Duration.ofSeconds(30));
            processor = null;
        }
        MeterRegistry registry = getEndpoint().getComponent().meterRegistry();
        meters.forEach(registry::remove);
        meters = List.of();
        if (clientMetrics != null) {
            clientMetrics.close();
            clientMetrics = null;
        }
        super.doStop();
    }

}
