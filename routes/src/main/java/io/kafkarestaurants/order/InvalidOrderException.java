package io.kafkarestaurants.order;

import java.util.List;

/**
 * The order was not accepted: nothing was published. Answered as a 400 problem listing
 * {@link #errors()}.
 */
public class InvalidOrderException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidOrderException(List<FieldError> errors) {
        super("Invalid order: " + errors.stream().map(FieldError::field).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

}
