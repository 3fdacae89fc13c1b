package io.kafkarestaurants.bankmock;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The payments the bank has decided, by Idempotency-Key. The first decision recorded for
 * a key is the only one: deciding is one short critical section (look, write the state
 * file, remember), so two requests racing with the same new key end with one decision,
 * and nobody waits on anything but that section.
 */
final class PaymentBook {

    private final Map<String, Payment> byKey = new ConcurrentHashMap<>();

    private final Queue<Payment> inOrder = new ConcurrentLinkedQueue<>();

    private final Consumer<Payment> journal;

    /**
     * @param journal where each new decision is written before it counts (the state
     * file), or nowhere
     */
    PaymentBook(List<Payment> decided, Consumer<Payment> journal) {
        this.journal = journal;
        decided.forEach(this::remember);
    }

    Optional<Payment> find(String idempotencyKey) {
        return Optional.ofNullable(byKey.get(idempotencyKey));
    }

    /**
     * Records the candidate unless its key is decided already; returns the decision that
     * holds for the key.
     */
    synchronized Payment decide(Payment candidate) {
        Payment first = byKey.get(candidate.idempotencyKey());
        if (first != null) {
            return first;
        }
        journal.accept(candidate);
        remember(candidate);
        return candidate;
    }

    /** Every decision, in the order they were made. */
    List<Payment> all() {
        return List.copyOf(inOrder);
    }

    private void remember(Payment payment) {
        if (byKey.putIfAbsent(payment.idempotencyKey(), payment) == null) {
            inOrder.add(payment);
        }
    }

}
