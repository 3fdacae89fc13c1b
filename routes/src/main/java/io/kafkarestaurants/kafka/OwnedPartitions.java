package io.kafkarestaurants.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of a stage's topics this process owns, told by Kafka's rebalance
 * callbacks, and what a record must wait for before the stage works on it. When a
 * partition moves to another process of the stage (one stopped, crashed or started), its
 * records after the last committed offset are consumed again by the new owner; the
 * stage's memory ({@link StageMemory}) tells it which of them the previous owner
 * finished, provided that:
 * <ul>
 * <li>the new owner's memory has read every key the previous owner recorded. So a record
 * of a newly assigned partition waits until the memory has read its topic up to the end
 * offsets it had at the assignment ({@link StageMemory#caughtUp()}). It waits at most
 * {@code catchUpTimeout}: then, or if the memory cannot read its topic's end offsets, the
 * attempt is put back ({@link NotReadyException}) and tried again later. A record is
 * never worked on while the memory is behind.</li>
 * <li>the previous owner recorded everything it will ever record for that partition
 * before the new owner starts. So a revocation (a rebalance, or this process leaving the
 * group) returns only once every record of the revoked partitions in flight here has
 * finished, at most {@code revocationTimeout} (the group's rebalance waits meanwhile:
 * keep it below max.poll.interval.ms), and records of them not yet started are refused
 * from then on. The records that finish meanwhile are not committed (the parallel
 * consumer commits before it calls this listener): their next owner finds them done. A
 * partition lost (this process was put out of the group, so another owns it already) is
 * not waited for.</li>
 * </ul>
 * Two records of one key and partition never run at once here, even across a revocation
 * (the parallel consumer keeps that within one assignment only): one left running past
 * the revocation's timeout makes the next one wait.
 */
final class OwnedPartitions implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedPartitions.class);

    private final Supplier<CompletableFuture<Void>> memoryCaughtUp;

    private final Duration catchUpTimeout;

    private final Duration revocationTimeout;

    /** Guarded by this. */
    private final Map<TopicPartition, Lease> leases = new HashMap<>();

    /** Guarded by this. */
    private final Set<KeyInPartition> keysInFlight = new HashSet<>();

    private final AtomicInteger waitingForMemory = new AtomicInteger();

    private final AtomicInteger awaitedByRevocation = new AtomicInteger();

    /**
     * @param memoryCaughtUp asks the stage's memory for a future completed once it has
     * read its topic up to the end offsets of now
     * @param catchUpTimeout how long a record waits for that before its attempt is put
     * back
     * @param revocationTimeout how long a revocation waits for the records of its
     * partitions in flight here
     */
    OwnedPartitions(Supplier<CompletableFuture<Void>> memoryCaughtUp, Duration catchUpTimeout,
            Duration revocationTimeout) {
        this.memoryCaughtUp = memoryCaughtUp;
        this.catchUpTimeout = catchUpTimeout;
        this.revocationTimeout = revocationTimeout;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        CatchUp catchUp = new CatchUp();
        synchronized (this) {
            for (TopicPartition partition : partitions) {
                leases.put(partition, new Lease(catchUp));
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<Lease> ended = end(partitions);
        long deadline = System.nanoTime() + revocationTimeout.toNanos();
        synchronized (this) {
            for (int inFlight = inFlight(ended); inFlight > 0; inFlight = inFlight(ended)) {
                awaitedByRevocation.set(inFlight);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("Giving up partitions {} with {} record(s) still in flight after {}: the next owner may "
                            + "repeat them", partitions, inFlight, revocationTimeout);
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            awaitedByRevocation.set(0);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        end(partitions);
    }

    /**
     * Called by a worker before the stage works on {@code record}: waits (at most the
     * catch-up timeout) until the stage's memory knows what the partition's previous
     * owner did, then counts the record in flight until {@link #end}.
     * @throws NotReadyException the record must not be worked on now (its attempt is put
     * back)
     */
    Work begin(ConsumerRecord<String, String> record) throws NotReadyException {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Lease lease;
        synchronized (this) {
            lease = leases.get(partition);
        }
        if (lease == null) {
            throw new NotReadyException("its partition is not assigned to this process", false);
        }
        try {
            awaitMemory(lease);
        }
        catch (NotReadyException e) {
            lease.putBack(record.offset());
            throw e;
        }
        KeyInPartition key = record.key() == null ? null : new KeyInPartition(partition, record.key());
        synchronized (this) {
            if (leases.get(partition) != lease) {
                throw new NotReadyException("its partition was revoked", false);
            }
            if (key != null && !keysInFlight.add(key)) {
                lease.putBack(record.offset());
                throw new NotReadyException("a record of its key, consumed before a revocation, is still in flight",
                        true);
            }
            lease.inFlight++;
        }
        return new Work(lease, key, record.offset());
    }

    /**
     * The record {@link #begin} let through is done with; {@code finished}: the stage
     * will not see it again.
     */
    synchronized void end(Work work, boolean finished) {
        work.lease().inFlight--;
        if (work.key() != null) {
            keysInFlight.remove(work.key());
        }
        if (finished) {
            work.lease().putBack.remove(work.offset());
        }
        notifyAll();
    }

    /** Records waiting now for the stage's memory to catch up. */
    int waitingForMemory() {
        return waitingForMemory.get();
    }

    /** Records of revoked partitions a revocation is waiting for now. */
    int awaitedByRevocation() {
        return awaitedByRevocation.get();
    }

    private void awaitMemory(Lease lease) throws NotReadyException {
        CompletableFuture<Void> caughtUp = lease.catchUp.current();
        if (caughtUp.isDone() && !caughtUp.isCompletedExceptionally()) {
            return;
        }
        waitingForMemory.incrementAndGet();
        try {
            CompletableFuture.anyOf(caughtUp, lease.ended).get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new NotReadyException("the stage's memory has not read its topic up to the end offsets of the "
                    + "partition's assignment within " + catchUpTimeout, true);
        }
        catch (ExecutionException e) {
            throw new NotReadyException("the stage's memory could not read its topic's end offsets: " + e.getCause(),
                    true);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("interrupted while waiting for the stage's memory", false);
        }
        finally {
            waitingForMemory.decrementAndGet();
        }
        if (lease.ended.isDone()) {
            throw new NotReadyException("its partition was revoked", false);
        }
    }

    private synchronized List<Lease> end(Collection<TopicPartition> partitions) {
        List<Lease> ended = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Lease lease = leases.remove(partition);
            if (lease != null) {
                lease.ended.complete(null);
                ended.add(lease);
            }
        }
        return ended;
    }

    private static int inFlight(List<Lease> leases) {
        int inFlight = 0;
        for (Lease lease : leases) {
            inFlight += lease.inFlight;
        }
        return inFlight;
    }

    /**
     * Why a record must not be worked on now; {@code worthALog}: not the usual end of a
     * revoked partition's work.
     */
    static final class NotReadyException extends Exception {

        private final boolean worthALog;

        NotReadyException(String reason, boolean worthALog) {
            super(reason);
            this.worthALog = worthALog;
        }

        boolean worthALog() {
            return worthALog;
        }

    }

    /** A record let through {@link #begin}, until {@link #end}. */
    record Work(Lease lease, KeyInPartition key, long offset) {

        /** Attempts at this record that were put back here without reaching the stage. */
        int attemptsPutBack() {
            return lease.putBack.getOrDefault(offset, 0);
        }
    }

    /**
     * The catch-up of the memory one assignment waits for; asked again if the memory
     * could not say.
     */
    private final class CatchUp {

        private CompletableFuture<Void> caughtUp = memoryCaughtUp.get();

        synchronized CompletableFuture<Void> current() {
            if (caughtUp.isCompletedExceptionally()) {
                caughtUp = memoryCaughtUp.get();
            }
            return caughtUp;
        }

    }

    /** One assignment of one partition to this process, until it is revoked or lost. */
    private static final class Lease {

        private final CatchUp catchUp;

        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        /**
         * Attempts put back, by offset, for the records of this assignment (the consumer
         * counts them as failed).
         */
        private final Map<Long, Integer> putBack = new ConcurrentHashMap<>();

        /** Guarded by the OwnedPartitions. */
        private int inFlight;

        private Lease(CatchUp catchUp) {
            this.catchUp = catchUp;
        }

        void putBack(long offset) {
            putBack.merge(offset, 1, Integer::sum);
        }

    }

    private record KeyInPartition(TopicPartition partition, String key) {
    }

}
