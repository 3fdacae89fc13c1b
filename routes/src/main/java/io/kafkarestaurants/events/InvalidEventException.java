package io.kafkarestaurants.events;

/**
 * A record that parses as JSON but is not a valid event: poison, dead-lettered without
 * retries.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

}
