package io.kafkarestaurants.events;

/** {@code delivery} (with an address) or {@code pickup}. */
public record Fulfilment(String type, String address) {

    public static final String DELIVERY = "delivery";

    public static final String PICKUP = "pickup";

}
