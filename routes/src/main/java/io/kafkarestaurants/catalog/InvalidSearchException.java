package io.kafkarestaurants.catalog;

/** A search parameter has a value the search does not know: answered as a 400 problem naming {@link #field()}. */
public class InvalidSearchException extends RuntimeException {

    private final String field;

    public InvalidSearchException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
