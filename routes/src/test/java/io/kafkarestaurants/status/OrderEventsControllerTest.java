package io.kafkarestaurants.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.order.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code GET /orders/{id}/events} over the order view's real topology: the current state
 * at once, then each change once, the end after a terminal state (for a decline, once its
 * mail is sent), and a 404 problem for an unknown order.
 */
class OrderEventsControllerTest {

    private final StatusEvents events = new StatusEvents(Orders.clockAt(Orders.NOW.plusSeconds(60)));

    private final DrivenOrderView view = new DrivenOrderView();

    private final OrderStatusStore store = new OrderStatusStore(view, view.mapper(), Duration.ofMinutes(2),
            snapshot -> {
            });

    private final OrderEventsController controller = new OrderEventsController(store, new Problems(),
            Duration.ofMinutes(1));

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).build();

    private final OrderPlaced placed = Orders.placed();

    @AfterEach
    void close() {
        controller.stop();
        view.close();
    }

    @Test
    void unknownOrderIsANotFoundProblem() throws Exception {
        mvc.perform(get("/orders/no-such-order/events"))
            .andExpect(status().isNotFound())
            .andExpect(header().string("Content-Type", "application/problem+json"))
            .andExpect(content().string("{\"type\":\"https://kafka-restaurants.dev/problems/not-found\","
                    + "\"title\":\"Not found\",\"status\":404,\"detail\":\"No order with this id\"}"));
    }

    @Test
    void streamSendsTheCurrentStateThenEachChangeOnceAndEndsWhenConfirmed() throws Exception {
        OrderPaid paid = Orders.paid(placed);
        view.publish(events.received(placed));
        MvcResult stream = mvc.perform(get("/orders/" + placed.orderId() + "/events"))
            .andExpect(request().asyncStarted())
            .andReturn();
        awaitStatuses(stream, "RECEIVED");

        view.publish(events.decided(paid));
        awaitStatuses(stream, "RECEIVED", "PAID");
        assertThatThrownBy(() -> stream.getAsyncResult(100)).as("still open").isInstanceOf(IllegalStateException.class);
        view.publish(events.confirmed(paid, Orders.TRACE_ID));

        awaitStatuses(stream, "RECEIVED", "PAID", "CONFIRMED");
        stream.getAsyncResult(5_000);
        assertThat(stream.getResponse().getHeader("X-Accel-Buffering")).isEqualTo("no");
    }

    @Test
    void declineEndsTheStreamOnlyOnceItsMailIsSent() throws Exception {
        OrderDeclined declined = Orders.declined(placed, "card_declined");
        view.publish(events.decided(declined));
        MvcResult stream = mvc.perform(get("/orders/" + placed.orderId() + "/events"))
            .andExpect(request().asyncStarted())
            .andReturn();
        awaitStatuses(stream, "DECLINED");
        assertThatThrownBy(() -> stream.getAsyncResult(100)).as("mail not sent yet")
            .isInstanceOf(IllegalStateException.class);

        view.publish(events.declineNotified(declined));

        awaitStatuses(stream, "DECLINED", "DECLINED");
        stream.getAsyncResult(5_000);
        assertThat(sent(stream.getResponse())).extracting(answer -> answer.get("notified").asBoolean())
            .containsExactly(false, true);
    }

    /** Waits until the stream has sent exactly these statuses, in this order. */
    private void awaitStatuses(MvcResult stream, String... statuses) {
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(
                    () -> assertThat(sent(stream.getResponse())).extracting(answer -> answer.get("status").asText())
                        .containsExactly(statuses));
    }

    /** The answers the stream has sent: each {@code status} event's JSON. */
    private List<JsonNode> sent(MockHttpServletResponse response) throws Exception {
        List<JsonNode> answers = new ArrayList<>();
        for (String line : response.getContentAsString().lines().toList()) {
            if (line.startsWith("data:")) {
                answers.add(view.mapper().readTree(line.substring("data:".length())));
            }
        }
        return answers;
    }

}
