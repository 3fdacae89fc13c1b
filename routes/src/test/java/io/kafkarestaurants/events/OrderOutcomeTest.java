package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkarestaurants.Orders;
import org.junit.jupiter.api.Test;

class OrderOutcomeTest {

    private final ObjectMapper mapper = Orders.mapper();

    private final OrderPlaced placed = Orders.placed();

    @Test
    void paidJsonReadsAsOrderPaid() throws Exception {
        OrderPaid paid = Orders.paid(placed);

        OrderOutcome outcome = mapper.readValue(mapper.writeValueAsString(paid), OrderOutcome.class);

        assertThat(outcome).isInstanceOf(OrderPaid.class).isEqualTo(paid);
        assertThat(outcome.status()).isEqualTo(OrderStatus.PAID);
        assertThat(((OrderPaid) outcome).paymentId()).isEqualTo(Orders.PAYMENT_ID);
    }

    @Test
    void declinedJsonReadsAsOrderDeclined() throws Exception {
        OrderDeclined declined = Orders.declined(placed, "insufficient_funds");

        OrderOutcome outcome = mapper.readValue(mapper.writeValueAsString(declined), OrderOutcome.class);

        assertThat(outcome).isInstanceOf(OrderDeclined.class).isEqualTo(declined);
        assertThat(outcome.status()).isEqualTo(OrderStatus.DECLINED);
        assertThat(((OrderDeclined) outcome).reason()).isEqualTo("insufficient_funds");
    }

    @Test
    void eventTypeAloneDecidesTheOutcome() throws Exception {
        ObjectNode json = mapper.valueToTree(Orders.declined(placed, "card_declined"));
        json.put("eventType", OrderPaid.TYPE);
        json.remove("reason");
        json.put("paymentId", "pay-9");

        OrderOutcome outcome = mapper.treeToValue(json, OrderOutcome.class);

        assertThat(outcome).isInstanceOf(OrderPaid.class);
        assertThat(outcome.orderId()).isEqualTo(placed.orderId());
    }

    @Test
    void eventTypeIsWrittenOnce() throws Exception {
        String json = mapper.writeValueAsString(Orders.paid(placed));

        assertThat(json.split("\"eventType\"", -1)).hasSize(2);
    }

    @Test
    void unknownEventTypeIsRefused() throws Exception {
        ObjectNode json = mapper.valueToTree(Orders.paid(placed));
        json.put("eventType", "OrderRefunded");

        assertThatThrownBy(() -> mapper.treeToValue(json, OrderOutcome.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void outcomeWithoutEventTypeIsRefused() throws Exception {
        ObjectNode json = mapper.valueToTree(Orders.paid(placed));
        json.remove("eventType");

        assertThatThrownBy(() -> mapper.treeToValue(json, OrderOutcome.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void placedOrderIsNotAnOutcome() throws Exception {
        String json = mapper.writeValueAsString(placed);

        assertThatThrownBy(() -> mapper.readValue(json, OrderOutcome.class)).isInstanceOf(JacksonException.class);
    }

}
