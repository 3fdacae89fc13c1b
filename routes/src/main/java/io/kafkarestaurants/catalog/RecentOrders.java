package io.kafkarestaurants.catalog;

/**
 * How many orders a restaurant had recently (the decayed count of the popularity board,
 * rounded).
 */
@FunctionalInterface
public interface RecentOrders {

    int recentOrders(String restaurantId);

}
