package io.kafkarestaurants.status;

/** No order with this id is known to this api replica: 404. */
public class OrderNotFoundException extends io.kafkarestaurants.NotFoundException {

    public OrderNotFoundException(String orderId) {
        super("Order", orderId);
    }

}
