package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.Restaurant;
import io.kafkarestaurants.order.OrderValidator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A test order is one the real validator accepts, from the catalog, paid with the card
 * the decline share picks.
 */
class TestOrderMakerTest {

    private final Catalog catalog = Orders.catalog();

    private final TestOrderMaker maker = new TestOrderMaker(catalog, TestOrdersTest.ON, Orders.clock(), new Random(7));

    @RepeatedTest(20)
    void everyTestOrderPassesIntakeValidation() {
        Map<String, Object> order = maker.next(0.5);

        OrderValidator validator = new OrderValidator(catalog, Orders.clock());
        validator.validate(Orders.mapper().convertValue(order, io.kafkarestaurants.order.OrderRequest.class));
        Restaurant restaurant = catalog.require((String) order.get("restaurantId"));
        assertThat((List<?>) order.get("items")).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(restaurant).isNotNull();
        assertThat(order.get("fulfilment")).isEqualTo(Map.of("type", "pickup"));
    }

    @Test
    void theDeclineSharePicksTheDeclinedCard() {
        assertThat(card(maker.next(1))).isEqualTo(Orders.DECLINED_VISA);
        assertThat(card(maker.next(0))).isEqualTo(Orders.VISA);
        long declined = java.util.stream.IntStream.range(0, 1000)
            .filter(i -> card(maker.next(0.2)).equals(Orders.DECLINED_VISA))
            .count();
        assertThat(declined).isBetween(150L, 250L);
    }

    @SuppressWarnings("unchecked")
    private static String card(Map<String, Object> order) {
        return ((Map<String, String>) order.get("card")).get("number");
    }

}
