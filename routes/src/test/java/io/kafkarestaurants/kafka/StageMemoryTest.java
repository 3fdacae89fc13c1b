package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.support.EventSchemas;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stage memory over a stub of its topic: what it reads, what it writes, and when it
 * says it has caught up.
 */
class StageMemoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemoryTopicStub topic = new MemoryTopicStub(2);

    private final MockProducer<String, String> producer = MemoryTopicStub.producer();

    private final StageMemory memory = topic.memory(producer);

    @AfterEach
    void stop() {
        memory.stop();
    }

    @Test
    void startsOnceItHasReadItsWholeTopic() {
        var charged = topic.written(0, "order-1", "add");
        var other = topic.written(1, "order-2", "add");
        var forgotten = topic.written(1, "order-2", "remove");
        var tombstone = topic.written(1, "order-3", "add");
        var deleted = topic.written(1, "order-3", null);
        topic.schedulePollTask(() -> topic.deliver(List.of(charged, other, forgotten, tombstone, deleted)));

        memory.start();

        assertThat(memory.contains("order-1")).isTrue();
        assertThat(memory.contains("order-2")).as("removed after it was added").isFalse();
        assertThat(memory.contains("order-3")).as("a tombstone forgets its key").isFalse();
    }

    /**
     * The barrier a process that takes a partition over waits for: what others recorded
     * before it asked.
     */
    @Test
    void caughtUpWaitsForTheKeysOtherProcessesRecordedThatItHasNotReadYet() {
        memory.start();
        var first = topic.written(0, "order-1", "add");
        var second = topic.written(1, "order-2", "add");

        CompletableFuture<Void> caughtUp = memory.caughtUp();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !caughtUp.isDone());
        assertThat(memory.contains("order-1")).isFalse();

        topic.deliver(List.of(first));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !caughtUp.isDone());

        topic.deliver(List.of(second));
        await().atMost(Duration.ofSeconds(5)).until(caughtUp::isDone);
        assertThat(caughtUp).isCompleted();
        assertThat(memory.contains("order-1")).isTrue();
        assertThat(memory.contains("order-2")).isTrue();
    }

    @Test
    void endOffsetsItCannotReadFailTheWaitAndTheNextAskTriesAgain() {
        memory.start();
        topic.endOffsetsFail(new TimeoutException("broker unreachable"));

        CompletableFuture<Void> failed = memory.caughtUp();
        await().atMost(Duration.ofSeconds(5)).until(failed::isDone);
        assertThat(failed).isCompletedExceptionally();

        topic.endOffsetsReadable();
        CompletableFuture<Void> again = memory.caughtUp();
        await().atMost(Duration.ofSeconds(5)).until(again::isDone);
        assertThat(again).isCompleted();
    }

    @Test
    void aStoppedMemoryFailsWhoeverWaits() {
        memory.start();
        topic.written(0, "order-1", "add");
        CompletableFuture<Void> caughtUp = memory.caughtUp();

        memory.stop();

        assertThat(caughtUp).isCompletedExceptionally();
        assertThat(memory.caughtUp()).isCompletedExceptionally();
    }

    /**
     * The topics Camel's KafkaIdempotentRepository wrote stay valid: same key, same
     * action values.
     */
    @Test
    void writesInTheFormatOfCamelsKafkaIdempotentRepository() {
        memory.start();

        assertThat(memory.add("order-1")).isTrue();
        assertThat(memory.add("order-1")).isFalse();
        memory.remove("order-1");

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::value)
            .containsExactly(tuple(MemoryTopicStub.TOPIC, "order-1", "add"),
                    tuple(MemoryTopicStub.TOPIC, "order-1", "remove"));
        assertThat(memory.contains("order-1")).isFalse();
    }

    /**
     * What it writes is what config/schemas/stage-memory.schema.json (and
     * config/asyncapi.yaml) say.
     */
    @Test
    void everyValueItWritesIsValidAgainstTheStageMemorySchema() throws Exception {
        memory.start();

        memory.add("order-1");
        memory.remove("order-1");
        memory.clear();

        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly("add", "remove", "clear");
        for (ProducerRecord<String, String> record : producer.history()) {
            assertThat(EventSchemas.fileViolations("stage-memory.schema.json", JSON.writeValueAsString(record.value())))
                .as(record.value())
                .isEmpty();
        }
        assertThat(EventSchemas.fileViolations("stage-memory.schema.json", JSON.writeValueAsString("added")))
            .isNotEmpty();
    }

    @Test
    void aKeyReadFromTheTopicIsNotWrittenAgain() {
        var charged = topic.written(0, "order-1", "add");
        topic.schedulePollTask(() -> topic.deliver(List.of(charged)));
        memory.start();

        assertThat(memory.add("order-1")).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    /**
     * A key whose write failed: this process still knows it (a retry here does not repeat
     * the side effect), and the next add writes it (Camel's KafkaIdempotentRepository
     * would never write it, and the offset gets committed).
     */
    @Test
    void aKeyWhoseWriteFailedIsKnownHereAndWrittenByTheNextAdd() {
        memory.start();
        producer.sendException = new TimeoutException("not acknowledged");

        assertThatThrownBy(() -> memory.add("order-1")).isInstanceOf(TimeoutException.class);
        assertThat(memory.contains("order-1")).isTrue();

        producer.sendException = null;
        memory.add("order-1");

        assertThat(producer.history()).extracting(ProducerRecord::key, ProducerRecord::value)
            .containsExactly(tuple("order-1", "add"));
        memory.add("order-1");
        assertThat(producer.history()).hasSize(1);
    }

}
