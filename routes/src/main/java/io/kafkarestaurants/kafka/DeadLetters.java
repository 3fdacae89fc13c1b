package io.kafkarestaurants.kafka;

import io.kafkarestaurants.payment.CardNumbers;
import io.kafkarestaurants.status.FailureReasons;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.spi.IdempotentRepository;

/**
 * What a dead-lettered record's headers say about why it was given up on, and what a
 * stage's memory (its idempotent repository) keeps of each key: done, or given up on for
 * a reason. Both are written before the record's offset can be committed (the
 * repositories send with acks=all and wait), so a record consumed again is never worked
 * twice.
 */
public class DeadLetters {

    /**
     * Between a stage's key and the failure reason, in the key that says it was given up
     * on.
     */
    static final String GIVEN_UP = "/given-up/";

    static final int MAX_MESSAGE = 500;

    /**
     * The class of the failure's root cause (wrappers such as CamelExecutionException say
     * nothing).
     */
    public String exceptionClass(Throwable failure) {
        return failure == null ? "unknown" : rootCause(failure).getClass().getName();
    }

    /**
     * The root cause's message, cut short; never the record itself, nor what a server
     * answered: a failed HTTP call is told by its status code and URI alone (its response
     * body and headers, which a bank may fill with the card it was sent, stay out), and
     * any card number another message quotes is cut to its last four digits.
     */
    public String exceptionMessage(Throwable failure) {
        Throwable root = failure == null ? null : rootCause(failure);
        String message;
        if (root instanceof HttpOperationFailedException http) {
            message = "HTTP " + http.getStatusCode() + " from " + http.getUri();
        }
        else {
            message = root == null || root.getMessage() == null ? "" : root.getMessage();
        }
        message = CardNumbers.redact(message);
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }

    /**
     * Records that the stage's side effect for {@code key} is done. Fails (and so fails
     * the attempt) if not durable. Again for a key done before: written only if an
     * earlier write of it failed.
     */
    public void rememberDone(IdempotentRepository stageMemory, String key) {
        stageMemory.add(key);
    }

    /**
     * Records that the stage gave up on {@code key}, and why: it is never processed
     * again.
     */
    public void rememberGivenUp(IdempotentRepository stageMemory, String key, Throwable failure) {
        stageMemory.add(key + GIVEN_UP + FailureReasons.of(failure));
    }

    /**
     * The failure to dead-letter a record with when it is consumed again after the stage
     * gave up on it.
     */
    public GivenUpBeforeException givenUpBefore(String reason) {
        return new GivenUpBeforeException(reason);
    }

    /** The reason the stage gave up on {@code key}, or null if it never did. */
    public String givenUpReason(IdempotentRepository stageMemory, String key) {
        for (String reason : FailureReasons.ALL) {
            if (stageMemory.contains(key + GIVEN_UP + reason)) {
                return reason;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

}
