package io.kafkarestaurants.kafka;

/**
 * The failure of a record a stage gave up on before (before a crash or a restart),
 * consumed again: it is dead-lettered again, with the reason it was given up for the
 * first time.
 */
public class GivenUpBeforeException extends RuntimeException {

    private final String reason;

    public GivenUpBeforeException(String reason) {
        super("Given up on before, for " + reason + "; consumed again");
        this.reason = reason;
    }

    /** The reason code of the first time (FailureReasons). */
    public String reason() {
        return reason;
    }

}
