package io.kafkarestaurants.order;

/** An order body declared as something other than JSON: 415. */
public class UnsupportedMediaTypeException extends RuntimeException {

    UnsupportedMediaTypeException() {
        super("Orders must be sent as application/json");
    }

}
