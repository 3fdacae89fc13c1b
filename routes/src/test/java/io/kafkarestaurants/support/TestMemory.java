package io.kafkarestaurants.support;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * A stage's memory (idempotent repository) in the test's heap that can be told to fail its next write, as the
 * Kafka-backed one does when the broker does not acknowledge the record.
 */
public class TestMemory extends MemoryIdempotentRepository {

    private final AtomicReference<RuntimeException> nextAddFails = new AtomicReference<>();

    /** The next {@link #add} throws this, records nothing, and later ones work again. */
    public void failNextAdd(RuntimeException failure) {
        nextAddFails.set(failure);
    }

    @Override
    public boolean add(String key) {
        RuntimeException failure = nextAddFails.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return super.add(key);
    }
}
