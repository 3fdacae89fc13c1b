package io.kafkarestaurants.kafka;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A stage's subscription: its topics (the path), its consumer group and how many records it works on at once. */
public class StageConsumerEndpoint extends DefaultEndpoint {

    private final List<String> topics;
    private String groupId;
    private int maxConcurrency = 32;
    private long commitIntervalMs = 1000;

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

    /** How often finished offsets are committed: what a crash may make the stage see again (idempotent). */
    public void setCommitIntervalMs(long commitIntervalMs) {
        this.commitIntervalMs = commitIntervalMs;
    }
}
