package io.kafkarestaurants.support;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka's MockConsumer whose poll waits up to its timeout for a record, as a real
 * consumer's does, instead of returning at once: a reader thread polling it does not
 * spin. Subclasses call {@link #arrived()} when they add one.
 */
public class WaitingMockConsumer extends MockConsumer<String, String> {

    public WaitingMockConsumer() {
        super(OffsetResetStrategy.EARLIEST);
    }

    /** Wakes a poll that waits: records (or tasks that add them) are there. */
    protected final synchronized void arrived() {
        notifyAll();
    }

    @Override
    public synchronized ConsumerRecords<String, String> poll(Duration timeout) {
        ConsumerRecords<String, String> records = super.poll(timeout);
        if (records.isEmpty()) {
            try {
                wait(timeout.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public synchronized void wakeup() {
        super.wakeup();
        notifyAll();
    }

}
