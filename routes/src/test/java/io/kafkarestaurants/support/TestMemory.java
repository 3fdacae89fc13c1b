package io.kafkarestaurants.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

/**
 * A stage's memory (idempotent repository) in the test's heap that can be told to fail
 * its next write, as the Kafka-backed one (StageMemory) does when the broker does not
 * acknowledge the record: the key is then known in this process but not durable, and the
 * next add of it writes it.
 */
public class TestMemory extends MemoryIdempotentRepository {

    private final AtomicReference<RuntimeException> nextAddFails = new AtomicReference<>();

    private final Set<String> notDurable = ConcurrentHashMap.newKeySet();

    /**
     * The next {@link #add} throws this, and leaves its key known but not durable; later
     * ones work again.
     */
    public void failNextAdd(RuntimeException failure) {
        nextAddFails.set(failure);
    }

    /** Whether {@code key} is recorded where every process of the stage would read it. */
    public boolean isDurable(String key) {
        return contains(key) && !notDurable.contains(key);
    }

    @Override
    public boolean add(String key) {
        RuntimeException failure = nextAddFails.getAndSet(null);
        if (failure != null) {
            super.add(key);
            notDurable.add(key);
            throw failure;
        }
        notDurable.remove(key);
        return super.add(key);
    }

}
