package io.kafkarestaurants.flow;

import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.MenuItem;
import io.kafkarestaurants.catalog.Restaurant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One test order's request body, as the site would send it: a random restaurant of the
 * catalog, one to three of its dishes (one or two of each), picked up (no address),
 * mailed to the test orders' address, paid with the bank mock's declined card for a
 * {@code declineShare} of the orders and its approved card for the rest, valid for two
 * more years.
 */
public final class TestOrderMaker {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("MM/yy");

    private final Catalog catalog;

    private final FlowProperties.TestOrders settings;

    private final Clock clock;

    private final RandomGenerator random;

    TestOrderMaker(Catalog catalog, FlowProperties.TestOrders settings, Clock clock, RandomGenerator random) {
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    public Map<String, Object> next(double declineShare) {
        List<Restaurant> restaurants = catalog.restaurants();
        Restaurant restaurant = restaurants.get(random.nextInt(restaurants.size()));
        List<MenuItem> menu = new ArrayList<>(restaurant.menu());
        List<Map<String, Object>> items = new ArrayList<>();
        int lines = 1 + random.nextInt(Math.min(3, menu.size()));
        for (int i = 0; i < lines; i++) {
            MenuItem item = menu.remove(random.nextInt(menu.size()));
            items.add(Map.of("menuItemId", item.id(), "quantity", 1 + random.nextInt(2)));
        }
        boolean declined = random.nextDouble() < declineShare;
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("restaurantId", restaurant.id());
        order.put("items", items);
        order.put("email", settings.email());
        order.put("card", Map.of("number", declined ? settings.declinedCard() : settings.approvedCard(), "expiry",
                clock.instant().atZone(ZoneOffset.UTC).plusYears(2).format(EXPIRY)));
        order.put("fulfilment", Map.of("type", "pickup"));
        return order;
    }

}
