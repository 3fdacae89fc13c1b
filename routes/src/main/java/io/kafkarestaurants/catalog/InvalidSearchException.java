package io.kafkarestaurants.catalog;

import io.kafkarestaurants.RequestRefusedException;
import io.kafkarestaurants.order.FieldError;
import java.util.List;

/**
 * A search parameter has a value the search does not know: answered as a 400 problem
 * naming {@link #field()}.
 */
class InvalidSearchException extends RequestRefusedException {

    private final String field;

    InvalidSearchException(String field, String message) {
        super(400, "invalid-search", "Invalid search", "The search was not understood; see errors.",
                List.of(new FieldError(field, message)));
        this.field = field;
    }

    public String field() {
        return field;
    }

}
