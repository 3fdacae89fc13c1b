package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kafkarestaurants.Orders;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventsTest {

    private static final Instant AT = Orders.NOW;

    private final ObjectMapper mapper = Orders.mapper();

    private final OrderPlaced placed = Orders.placed();

    private final OrderDetails order = placed.order();

    private final List<StatusEntry> history = placed.history();

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void eventWithoutOrderIdIsInvalid(String orderId) {
        assertThatThrownBy(() -> new OrderPaid(OrderPaid.TYPE, 1, orderId, AT, order, "p", history))
            .isInstanceOf(InvalidEventException.class)
            .hasMessageContaining("orderId");
    }

    @Test
    void eventWithoutOrderDetailsIsInvalid() {
        assertThatThrownBy(() -> new OrderDeclined(OrderDeclined.TYPE, 1, "o-1", AT, null, "card_declined", history))
            .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void eventWithoutHistoryIsInvalid() {
        assertThatThrownBy(() -> new OrderPaid(OrderPaid.TYPE, 1, "o-1", AT, order, "p", List.of()))
            .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> new OrderPaid(OrderPaid.TYPE, 1, "o-1", AT, order, "p", null))
            .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void eventOfAnotherTypeIsInvalid() {
        assertThatThrownBy(() -> new OrderPaid(OrderDeclined.TYPE, 1, "o-1", AT, order, "p", history))
            .isInstanceOf(InvalidEventException.class)
            .hasMessageContaining(OrderPaid.TYPE)
            .hasMessageContaining(OrderDeclined.TYPE);
    }

    @Test
    void placedOrderWithoutSealedCardIsRefused() {
        assertThatThrownBy(() -> new OrderPlaced(OrderPlaced.TYPE, 1, "o-1", AT, order, null, history))
            .isInstanceOf(NullPointerException.class)
            .hasMessageContaining("payment");
    }

    @Test
    void statusSnapshotWithoutOrderIdIsInvalid() {
        assertThatThrownBy(() -> new OrderStatusChanged(OrderStatusChanged.TYPE, 1, null, OrderStatus.RECEIVED, null,
                AT, order, history, null))
            .isInstanceOf(InvalidEventException.class);
    }

    static Stream<ObjectMapper> mappers() {
        return Stream.of(JsonMapper.builder().findAndAddModules().build(), Orders.mapper());
    }

    @ParameterizedTest
    @MethodSource("mappers")
    void jsonWithOnlyAnEventTypeFailsToDeserialize(ObjectMapper mapper) {
        assertThatThrownBy(() -> mapper.readValue("{\"eventType\":\"OrderPlaced\"}", OrderPlaced.class))
            .isInstanceOf(JacksonException.class)
            .hasRootCauseInstanceOf(InvalidEventException.class);
    }

    @Test
    void jsonOfAnotherEventTypeFailsToDeserialize() throws Exception {
        String paidJson = mapper.writeValueAsString(Orders.paid(placed));

        assertThatThrownBy(() -> mapper.readValue(paidJson, OrderPlaced.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void placedOrderSurvivesAJsonRoundTrip() throws Exception {
        String json = mapper.writeValueAsString(placed);

        assertThat(mapper.readValue(json, OrderPlaced.class)).isEqualTo(placed);
    }

    @Test
    void placedOrderJsonHoldsNoCardNumber() throws Exception {
        assertThat(mapper.writeValueAsString(placed)).doesNotContain(Orders.VISA).doesNotContain("4242 4242");
    }

    @Test
    void statusSnapshotSurvivesAJsonRoundTrip() throws Exception {
        OrderStatusChanged snapshot = new OrderStatusChanged(OrderStatusChanged.TYPE, 1, placed.orderId(),
                OrderStatus.RECEIVED, null, AT, order, history, null);

        assertThat(mapper.readValue(mapper.writeValueAsString(snapshot), OrderStatusChanged.class)).isEqualTo(snapshot);
    }

}
