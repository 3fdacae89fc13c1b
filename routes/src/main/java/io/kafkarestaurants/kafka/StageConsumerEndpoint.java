package io.kafkarestaurants.kafka;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A stage's subscription: its topics (the path), its consumer group, how many records it
 * works on at once, and the stage's memory that a partition taken over waits for.
 */
public class StageConsumerEndpoint extends DefaultEndpoint {

    private final List<String> topics;

    private String groupId;

    private int maxConcurrency = 32;

    private long commitIntervalMs = 1000;

    private IdempotentRepository memory;

    private long catchUpTimeoutMs = 10_000;

    private long revocationTimeoutMs = 30_000;

    StageConsumerEndpoint(String uri, StageConsumerComponent component, String topics) {
        super(uri, component);
        this.topics = Arrays.stream(topics.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public StageConsumerComponent getComponent() {
        return (StageConsumerComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("stage-kafka only consumes; publish with kafka:");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        StageConsumer consumer = new StageConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    List<String> getTopics() {
        return topics;
    }

    public String getGroupId() {
        return groupId;
    }

    /** The stage's consumer group. */
    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    /** Records worked on at once in this process (records of one key never at once). */
    public void setMaxConcurrency(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public long getCommitIntervalMs() {
        return commitIntervalMs;
    }

    /**
     * How often finished offsets are committed: what a crash may make the stage see again
     * (idempotent).
     */
    public void setCommitIntervalMs(long commitIntervalMs) {
        this.commitIntervalMs = commitIntervalMs;
    }

    public IdempotentRepository getMemory() {
        return memory;
    }

    /**
     * The stage's memory (its idempotent repository): a record of a partition newly
     * assigned to this process reaches the route only once a Kafka-backed memory
     * ({@link StageMemory}) has read its topic up to the end offsets of the assignment.
     * None: records are never held back.
     */
    public void setMemory(IdempotentRepository memory) {
        this.memory = memory;
    }

    public long getCatchUpTimeoutMs() {
        return catchUpTimeoutMs;
    }

    /**
     * How long a record waits for the memory to catch up before its attempt is put back
     * and tried again later.
     */
    public void setCatchUpTimeoutMs(long catchUpTimeoutMs) {
        this.catchUpTimeoutMs = catchUpTimeoutMs;
    }

    public long getRevocationTimeoutMs() {
        return revocationTimeoutMs;
    }

    /**
     * How long a rebalance that takes partitions from this process waits for the records
     * of them in flight here to finish (their keys recorded) before it gives them up.
     * Below the consumer's max.poll.interval.ms.
     */
    public void setRevocationTimeoutMs(long revocationTimeoutMs) {
        this.revocationTimeoutMs = revocationTimeoutMs;
    }

}
