package io.kafkarestaurants.events;

/** One priced line of an order; prices come from the catalog, never from the client. */
public record OrderLine(String menuItemId, String name, int quantity, String unitPrice, String lineTotal) {
}
