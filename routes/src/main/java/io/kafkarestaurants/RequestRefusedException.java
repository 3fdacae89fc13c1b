package io.kafkarestaurants;

import io.kafkarestaurants.order.FieldError;
import java.util.List;

/**
 * A request the API refuses, answered as a problem with this status, type, title and
 * detail (the message), and the fields at fault when there are any. The detail never
 * echoes request content.
 */
public class RequestRefusedException extends RuntimeException {

    private final int status;

    private final String type;

    private final String title;

    private final List<FieldError> errors;

    public RequestRefusedException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

}
