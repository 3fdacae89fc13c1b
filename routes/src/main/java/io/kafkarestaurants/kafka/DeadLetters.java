package io.kafkarestaurants.kafka;

import org.apache.camel.spi.IdempotentRepository;

/** What a dead-lettered record's headers say about why it was given up on, and remembering that it was. */
public class DeadLetters {

    static final int MAX_MESSAGE = 500;

    /** The class of the failure's root cause (wrappers such as CamelExecutionException say nothing). */
    public String exceptionClass(Throwable failure) {
        return failure == null ? "unknown" : rootCause(failure).getClass().getName();
    }

    /** The root cause's message, cut short; never the record itself. */
    public String exceptionMessage(Throwable failure) {
        Throwable root = failure == null ? null : rootCause(failure);
        String message = root == null || root.getMessage() == null ? "" : root.getMessage();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }

    /** Records a key the stage gave up on in the stage's idempotent repository, so it is never processed again. */
    public void rememberGivenUp(IdempotentRepository stageMemory, String key) {
        stageMemory.add(key);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
