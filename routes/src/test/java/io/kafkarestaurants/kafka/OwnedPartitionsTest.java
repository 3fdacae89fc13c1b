package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kafkarestaurants.kafka.OwnedPartitions.NotReadyException;
import io.kafkarestaurants.kafka.OwnedPartitions.Work;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a record of a stage's partition waits for before the stage works on it, and what a
 * revocation waits for before the partition is given up. The stage's memory is a future
 * the test completes, or (last test) a StageMemory over a stub of its topic.
 */
class OwnedPartitionsTest {

    private static final TopicPartition ORDER_0 = new TopicPartition("order", 0);

    private static final Duration LONG = Duration.ofSeconds(30);

    /** Every catch-up the memory was asked for, the last one last. */
    private final Deque<CompletableFuture<Void>> asked = new ConcurrentLinkedDeque<>();

    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void aRecordOfANewlyAssignedPartitionWaitsUntilTheMemoryHasCaughtUp() throws Exception {
        OwnedPartitions owned = owned(LONG, LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));

        Future<Work> begun = workers.submit(() -> owned.begin(record(0, "order-1")));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !begun.isDone());
        assertThat(owned.waitingForMemory()).isEqualTo(1);
        assertThat(asked).hasSize(1);

        asked.getLast().complete(null);

        assertThat(begun.get(5, TimeUnit.SECONDS).attemptsPutBack()).isZero();
        assertThat(owned.waitingForMemory()).isZero();
    }

    @Test
    void aRecordThatWaitedTooLongIsPutBackAndThoseAttemptsAreNotCounted() throws Exception {
        OwnedPartitions owned = owned(Duration.ofMillis(200), LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> owned.begin(record(7, "order-1"))).isInstanceOf(NotReadyException.class)
                .hasMessageContaining("has not read its topic");
        }
        asked.getLast().complete(null);

        Work work = owned.begin(record(7, "order-1"));
        assertThat(work.attemptsPutBack()).isEqualTo(2);
        assertThat(owned.begin(record(8, "order-2")).attemptsPutBack()).isZero();
        assertThat(asked).as("one catch-up for the assignment").hasSize(1);
    }

    @Test
    void aMemoryThatCouldNotReadItsTopicsEndOffsetsIsAskedAgain() throws Exception {
        OwnedPartitions owned = owned(LONG, LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));
        Future<Work> begun = workers.submit(() -> owned.begin(record(0, "order-1")));
        await().atMost(Duration.ofSeconds(2)).until(() -> owned.waitingForMemory() == 1);

        asked.getLast().completeExceptionally(new TimeoutException("broker unreachable"));

        assertThatThrownBy(() -> begun.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(NotReadyException.class)
            .hasMessageContaining("could not read");
        Future<Work> again = workers.submit(() -> owned.begin(record(0, "order-1")));
        await().atMost(Duration.ofSeconds(2)).until(() -> asked.size() == 2);
        asked.getLast().complete(null);
        assertThat(again.get(5, TimeUnit.SECONDS).attemptsPutBack()).isEqualTo(1);
    }

    @Test
    void aRevocationWaitsForTheRecordsInFlightAndRefusesThoseNotStarted() throws Exception {
        OwnedPartitions owned = owned(LONG, LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));
        asked.getLast().complete(null);
        Work inFlight = owned.begin(record(0, "order-1"));

        Future<?> revocation = workers.submit(() -> owned.onPartitionsRevoked(List.of(ORDER_0)));

        await().atMost(Duration.ofSeconds(2)).until(() -> owned.awaitedByRevocation() == 1);
        assertThat(revocation).isNotDone();
        assertThatThrownBy(() -> owned.begin(record(1, "order-2"))).isInstanceOf(NotReadyException.class)
            .hasMessageContaining("not assigned");

        owned.end(inFlight, true);

        revocation.get(5, TimeUnit.SECONDS);
        assertThat(owned.awaitedByRevocation()).isZero();
    }

    @Test
    void aRevocationGivesTheRecordsInFlightUpAfterItsTimeout() throws Exception {
        OwnedPartitions owned = owned(LONG, Duration.ofMillis(200));
        owned.onPartitionsAssigned(List.of(ORDER_0));
        asked.getLast().complete(null);
        owned.begin(record(0, "order-1"));

        workers.submit(() -> owned.onPartitionsRevoked(List.of(ORDER_0))).get(5, TimeUnit.SECONDS);

        assertThat(owned.awaitedByRevocation()).isZero();
    }

    @Test
    void aLostPartitionIsNotWaitedFor() throws Exception {
        OwnedPartitions owned = owned(LONG, LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));
        asked.getLast().complete(null);
        owned.begin(record(0, "order-1"));

        workers.submit(() -> owned.onPartitionsLost(List.of(ORDER_0))).get(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> owned.begin(record(1, "order-2"))).isInstanceOf(NotReadyException.class);
    }

    @Test
    void aRecordWaitingForTheMemoryStopsWaitingWhenItsPartitionIsRevoked() throws Exception {
        OwnedPartitions owned = owned(LONG, LONG);
        owned.onPartitionsAssigned(List.of(ORDER_0));
        Future<Work> begun = workers.submit(() -> owned.begin(record(0, "order-1")));
        await().atMost(Duration.ofSeconds(2)).until(() -> owned.waitingForMemory() == 1);

        owned.onPartitionsRevoked(List.of(ORDER_0));

        assertThatThrownBy(() -> begun.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(NotReadyException.class)
            .hasMessageContaining("revoked");
    }

    /**
     * A record left running past a revocation's timeout, then its partition assigned here
     * again.
     */
    @Test
    void twoRecordsOfOneKeyNeverRunAtOnceEvenAcrossAssignments() throws Exception {
        OwnedPartitions owned = owned(LONG, Duration.ofMillis(100));
        owned.onPartitionsAssigned(List.of(ORDER_0));
        asked.getLast().complete(null);
        Work leftRunning = owned.begin(record(5, "order-1"));
        owned.onPartitionsRevoked(List.of(ORDER_0));
        owned.onPartitionsAssigned(List.of(ORDER_0));
        asked.getLast().complete(null);

        assertThatThrownBy(() -> owned.begin(record(5, "order-1"))).isInstanceOf(NotReadyException.class)
            .hasMessageContaining("still in flight");
        assertThat(owned.begin(record(6, "order-2"))).isNotNull();

        owned.end(leftRunning, true);

        assertThat(owned.begin(record(5, "order-1")).attemptsPutBack()).isEqualTo(1);
    }

    /**
     * The previous owner of order/0 charged order-1 and recorded it (acks=all), then
     * crashed before committing: the new owner consumes the record again while its memory
     * has not read that key yet. The record must wait for it, then be recognised as done.
     */
    @Test
    void aPartitionTakenOverIsWorkedOnOnlyOnceTheMemoryHasReadWhatThePreviousOwnerRecorded() throws Exception {
        MemoryTopicStub topic = new MemoryTopicStub(3);
        StageMemory memory = topic.memory(MemoryTopicStub.producer());
        memory.start();
        try {
            var recordedByThePreviousOwner = topic.written(1, "order-1", "add");
            OwnedPartitions owned = new OwnedPartitions(memory::caughtUp, LONG, LONG);

            owned.onPartitionsAssigned(List.of(ORDER_0));
            Future<Boolean> seenAsDone = workers.submit(() -> {
                Work work = owned.begin(record(0, "order-1"));
                try {
                    return memory.contains("order-1");
                }
                finally {
                    owned.end(work, true);
                }
            });

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !seenAsDone.isDone());
            topic.deliver(List.of(recordedByThePreviousOwner));

            assertThat(seenAsDone.get(5, TimeUnit.SECONDS)).as("order-1 recognised as charged").isTrue();
        }
        finally {
            memory.stop();
        }
    }

    private OwnedPartitions owned(Duration catchUpTimeout, Duration revocationTimeout) {
        return new OwnedPartitions(() -> {
            CompletableFuture<Void> caughtUp = new CompletableFuture<>();
            asked.add(caughtUp);
            return caughtUp;
        }, catchUpTimeout, revocationTimeout);
    }

    private static ConsumerRecord<String, String> record(long offset, String key) {
        return new ConsumerRecord<>(ORDER_0.topic(), ORDER_0.partition(), offset, key, "{}");
    }

}
