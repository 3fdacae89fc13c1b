package io.kafkarestaurants.kafka;


/** What a dead-lettered record's headers say about why it was given up on. */
public class DeadLetters {

    static final int MAX_MESSAGE = 500;

    public String exceptionClass(Throwable failure) {
        return failure == null ? "unknown" : failure.getClass().getName();
    }

    /** The failure's message, cut short; never the record itself. */
    public String exceptionMessage(Throwable failure) {
        String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
