package io.kafkarestaurants.order;

import static io.kafkarestaurants.Orders.MARGHERITA;
import static io.kafkarestaurants.Orders.TIRAMISU;
import static io.kafkarestaurants.Orders.anOrder;
import static io.kafkarestaurants.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderIdsTest {

    private static final String KEY = "checkout-7f3a";

    /** Two api replicas: nothing shared between them but the code. */
    private final OrderIds replica = new OrderIds();

    private final OrderIds otherReplica = new OrderIds();

    @Test
    void nameBasedUuidsAreRfcVersion5() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        UUID id = OrderIds.nameBased(dns, "www.example.com".getBytes(StandardCharsets.UTF_8));

        assertThat(id).hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void sameKeyAndOrderNameTheSameOrderOnEveryReplica() {
        String id = replica.of(KEY, Orders.pickupOrder());

        assertThat(otherReplica.of(KEY, Orders.pickupOrder())).isEqualTo(id);
        assertThat(replica.of(KEY, Orders.pickupOrder())).as("and every time").isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
    }

    @Test
    void theSameOrderSerializedAnotherWayIsTheSameOrder() {
        OrderRequests requests = new OrderRequests(65536);
        OrderRequest asSent = requests.read(Orders.pickupOrderJson().getBytes(StandardCharsets.UTF_8));
        OrderRequest reSerialized = requests.read("""
                {"card": {"expiry": " %s ", "number": "4242-4242-4242-4242"},
                 "email": "%s",
                 "fulfilment": {"type": "pickup", "address": "ignored for a pickup"},
                 "items": [{"quantity": 2, "menuItemId": "%s"}, {"quantity": 1, "menuItemId": "%s"}],
                 "restaurantId": "%s"}
                """.formatted(Orders.EXPIRY, Orders.EMAIL, MARGHERITA, TIRAMISU, Orders.TRATTORIA)
            .getBytes(StandardCharsets.UTF_8));

        assertThat(otherReplica.of(KEY, reSerialized)).isEqualTo(replica.of(KEY, asSent));
    }

    @Test
    void anotherKeyNamesAnotherOrder() {
        assertThat(replica.of("checkout-1", Orders.pickupOrder()))
            .isNotEqualTo(replica.of("checkout-2", Orders.pickupOrder()));
    }

    @ParameterizedTest
    @MethodSource("otherOrders")
    void theSameKeyWithAnotherOrderNamesAnotherOrder(OrderRequest other) {
        assertThat(otherReplica.of(KEY, other)).isNotEqualTo(replica.of(KEY, Orders.pickupOrder()));
    }

    static Stream<OrderRequest> otherOrders() {
        return Stream.of(anOrder().card(Orders.MASTERCARD, Orders.EXPIRY).build(),
                anOrder().card(Orders.VISA, "11/30").build(), anOrder().email("bob@example.com").build(),
                anOrder().items(line(MARGHERITA, 3), line(TIRAMISU, 1)).build(),
                anOrder().items(line(TIRAMISU, 1), line(MARGHERITA, 2)).build(),
                anOrder().delivery("12 Harbour St").build(),
                anOrder().restaurant(Orders.NOODLE_BAR).items(line(Orders.RAMEN, 2)).build());
    }

    @Test
    void withoutAKeyEveryOrderIsNew() {
        String first = replica.of(null, Orders.pickupOrder());

        assertThat(replica.of(null, Orders.pickupOrder())).isNotEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
    }

}
