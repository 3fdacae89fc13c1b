package io.kafkarestaurants.order;

/**
 * A request body over the configured limit: answered 413 without reading it as an order.
 */
public class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }

}
