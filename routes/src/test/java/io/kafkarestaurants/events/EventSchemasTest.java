package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.status.StatusEvents;
import io.kafkarestaurants.support.EventSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The events the real beans build, serialized as the application serializes them, satisfy
 * the JSON Schemas of config/schemas; and the schemas are tight enough to reject what a
 * broken producer would send.
 */
class EventSchemasTest {

    /** The stages publish after the order was placed ({@link Orders#NOW}) and decided. */
    private static final Instant LATER = Orders.NOW.plusSeconds(60);

    private static final List<String> SCHEMA_FILES = List.of("order-details.schema.json", "order-placed.schema.json",
            "order-paid.schema.json", "order-declined.schema.json", "order-status-changed.schema.json",
            "restaurant-popularity.schema.json", "stage-memory.schema.json");

    private final ObjectMapper mapper = Orders.mapper();

    private final StatusEvents statusEvents = new StatusEvents(Orders.clockAt(LATER));

    private final OrderPlaced placed = Orders.placed();

    private final OrderPaid paid = Orders.paid(placed);

    private final OrderDeclined declined = Orders.declined(placed, "insufficient_funds");

    // --- The schemas themselves ---

    @Test
    void schemasAreValidDraft202012WithTheirIdsAndADescriptionOnEveryProperty() throws IOException {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String file : SCHEMA_FILES) {
            String text = Files.readString(EventSchemas.directory().resolve(file));
            JsonNode schema = mapper.readTree(text);

            assertThat(metaSchema.validate(text, InputFormat.JSON)).as(file).isEmpty();
            assertThat(schema.path("$schema").asText()).as(file)
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(file).isEqualTo(EventSchemas.ID_PREFIX + file);
            assertThat(schema.path("title").asText()).as(file).isNotBlank();
            assertThat(propertiesWithoutDescription(schema, "#")).as(file).isEmpty();
        }
        assertThat(Files.isRegularFile(EventSchemas.directory().resolve("README.md"))).isTrue();
    }

    // --- The real events validate ---

    @Test
    void restaurantPopularityValidatesAndARecordWithoutItsOffsetDoesNot() throws IOException {
        String json = json(RestaurantPopularity.of("amore-mio", 3, 2.5, LATER, 41));

        assertThat(EventSchemas.violations(RestaurantPopularity.TYPE, json)).isEmpty();
        assertThatCode(() -> EventSchemas.assertValid(json)).doesNotThrowAnyException();
        ObjectNode noOffset = (ObjectNode) tree(json);
        noOffset.remove("offset");
        assertThat(EventSchemas.violations(RestaurantPopularity.TYPE, noOffset.toString())).isNotEmpty();
    }

    @Test
    void orderPlacedValidates() {
        String json = json(placed);

        assertThat(EventSchemas.violations(OrderPlaced.TYPE, json)).isEmpty();
        assertThatCode(() -> EventSchemas.assertValid(json)).doesNotThrowAnyException();
        assertThat(tree(json).path("payment").path("ciphertext").asText()).isNotBlank();
    }

    @Test
    void deliveryOrderPlacedValidates() {
        String json = json(Orders.placed(Orders.deliveryOrder("1 Main Street, Springfield")));

        assertThat(tree(json).at("/order/fulfilment/address").asText()).isEqualTo("1 Main Street, Springfield");
        assertThat(EventSchemas.violations(OrderPlaced.TYPE, json)).isEmpty();
    }

    @Test
    void orderPaidValidates() {
        String json = json(paid);

        assertThat(EventSchemas.violations(OrderPaid.TYPE, json)).isEmpty();
        assertThatCode(() -> EventSchemas.assertValid(json)).doesNotThrowAnyException();
    }

    @Test
    void orderDeclinedValidates() {
        String json = json(declined);

        assertThat(EventSchemas.violations(OrderDeclined.TYPE, json)).isEmpty();
        assertThatCode(() -> EventSchemas.assertValid(json)).doesNotThrowAnyException();
    }

    @Test
    void orderStatusChangedReceivedValidates() {
        assertStatusSnapshotValid(statusEvents.received(placed), OrderStatus.RECEIVED);
    }

    @Test
    void orderStatusChangedPaidValidates() {
        assertStatusSnapshotValid(statusEvents.decided(paid), OrderStatus.PAID);
    }

    @Test
    void orderStatusChangedConfirmedWithNotifiedAtValidates() {
        OrderStatusChanged confirmed = statusEvents.confirmed(paid, Orders.TRACE_ID);

        assertThat(confirmed.notifiedAt()).isNotNull();
        assertThat(tree(json(confirmed)).path("notifiedAt").asText()).isEqualTo(LATER.toString());
        assertStatusSnapshotValid(confirmed, OrderStatus.CONFIRMED);
    }

    @Test
    void orderStatusChangedDeclinedValidatesBeforeAndAfterTheMail() {
        assertStatusSnapshotValid(statusEvents.decided(declined), OrderStatus.DECLINED);
        assertStatusSnapshotValid(statusEvents.declineNotified(declined), OrderStatus.DECLINED);
    }

    @Test
    void orderStatusChangedFailedWithReasonValidates() {
        OrderStatusChanged failed = statusEvents.failed(placed, new SocketTimeoutException("bank too slow"),
                Orders.TRACE_ID);

        assertThat(failed.reason()).isEqualTo("bank_unavailable");
        assertStatusSnapshotValid(failed, OrderStatus.FAILED);
        assertStatusSnapshotValid(statusEvents.failed(paid, new IOException("mail"), Orders.TRACE_ID),
                OrderStatus.FAILED);
        // A declined order whose decline mail was given up on stays DECLINED (one
        // terminal state).
        assertStatusSnapshotValid(statusEvents.failed(declined, new IllegalStateException(), Orders.TRACE_ID),
                OrderStatus.DECLINED);
    }

    // --- What a broken producer would send is rejected ---

    @Test
    void missingOrderIdIsRejected() {
        assertViolations(OrderPlaced.TYPE, placed, node -> node.remove("orderId"));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.received(placed), node -> node.remove("orderId"));
    }

    @Test
    void wrongEventTypeIsRejected() {
        assertViolations(OrderPaid.TYPE, paid, node -> node.put("eventType", OrderDeclined.TYPE));
        assertViolations(OrderPlaced.TYPE, placed, node -> node.put("eventType", "orderplaced"));
    }

    @Test
    void eventTypeChoosesTheSchema() {
        String paidAsPlaced = edit(paid, node -> node.put("eventType", OrderPlaced.TYPE));

        assertThatThrownBy(() -> EventSchemas.assertValid(paidAsPlaced)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("order-placed.schema.json")
            .hasMessageContaining("payment");
        assertThatThrownBy(() -> EventSchemas.assertValid(edit(paid, node -> node.put("eventType", "OrderShipped"))))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("OrderShipped");
        assertThatThrownBy(() -> EventSchemas.violations("OrderShipped", json(paid)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schemaVersion2IsRejected() {
        assertViolations(OrderPlaced.TYPE, placed, node -> node.put("schemaVersion", 2));
        assertViolations(OrderPaid.TYPE, paid, node -> node.put("schemaVersion", 2));
        assertViolations(OrderDeclined.TYPE, declined, node -> node.put("schemaVersion", 2));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.decided(paid), node -> node.put("schemaVersion", 2));
    }

    @Test
    void totalWithOneDecimalPlaceIsRejected() {
        assertViolations(OrderPaid.TYPE, paid, node -> order(node).with("total").put("value", "25.5"));
    }

    @Test
    void last4WithALetterIsRejected() {
        assertViolations(OrderDeclined.TYPE, declined, node -> order(node).with("card").put("last4", "42x2"));
    }

    @Test
    void cardNumberInOrderDetailsIsRejected() {
        assertViolations(OrderPlaced.TYPE, placed, node -> order(node).put("cardNumber", Orders.VISA));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.confirmed(paid, Orders.TRACE_ID),
                node -> order(node).put("cardNumber", Orders.VISA));
    }

    @Test
    void cardNumberInThePaymentIsRejected() {
        Set<String> violations = assertViolations(OrderPlaced.TYPE, placed,
                node -> node.with("payment").put("number", Orders.VISA));

        assertThat(violations).noneMatch(violation -> violation.contains(Orders.VISA));
        assertThat(violations).as("rejected by the payment's explicit `not`, not only by additionalProperties")
            .anyMatch(violation -> violation.contains("/payment/not"));
        assertViolations(OrderPlaced.TYPE, placed, node -> node.with("payment").put("expiry", Orders.EXPIRY));
    }

    @Test
    void statusSnapshotsMustBeConsistent() {
        assertViolations(OrderStatusChanged.TYPE, statusEvents.decided(declined), node -> node.remove("reason"));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.confirmed(paid, Orders.TRACE_ID),
                node -> node.remove("notifiedAt"));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.decided(paid), node -> node.putArray("history"));
        assertViolations(OrderStatusChanged.TYPE, statusEvents.decided(paid), node -> node.put("status", "SHIPPED"));
    }

    @Test
    void historyEntriesCarryTheirTraceIdAsThirtyTwoHexDigits() {
        OrderStatusChanged confirmed = statusEvents.confirmed(paid, Orders.TRACE_ID);

        assertThat(tree(json(confirmed)).path("history").findValuesAsText("traceId")).containsExactly(Orders.TRACE_ID,
                Orders.TRACE_ID, Orders.TRACE_ID);
        assertViolations(OrderStatusChanged.TYPE, confirmed, node -> entry(node, 2).put("traceId", "4BF92F35"));
        assertViolations(OrderPaid.TYPE, paid, node -> entry(node, 1).put("traceId", Orders.TRACE_ID.toUpperCase()));
    }

    @Test
    void historyEntriesWithoutATraceIdStillValidate() {
        String untraced = edit(statusEvents.confirmed(paid, null),
                node -> node.withArray("history").forEach(entry -> ((ObjectNode) entry).remove("traceId")));

        assertThat(untraced).doesNotContain("traceId");
        assertThat(EventSchemas.violations(OrderStatusChanged.TYPE, untraced)).as(untraced).isEmpty();
    }

    private static ObjectNode entry(ObjectNode event, int index) {
        return (ObjectNode) event.withArray("history").get(index);
    }

    private void assertStatusSnapshotValid(OrderStatusChanged snapshot, OrderStatus expected) {
        String json = json(snapshot);

        assertThat(snapshot.status()).isEqualTo(expected);
        assertThat(EventSchemas.violations(OrderStatusChanged.TYPE, json)).as(json).isEmpty();
        assertThatCode(() -> EventSchemas.assertValid(json)).doesNotThrowAnyException();
    }

    /**
     * The event, changed by {@code change}, violates the schema of {@code eventType}; its
     * own JSON does not.
     */
    private Set<String> assertViolations(String eventType, Object event, Consumer<ObjectNode> change) {
        assertThat(EventSchemas.violations(eventType, json(event))).isEmpty();

        String broken = edit(event, change);
        Set<String> violations = EventSchemas.violations(eventType, broken);

        assertThat(violations).as(broken).isNotEmpty();
        return violations;
    }

    private String edit(Object event, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) tree(json(event));
        change.accept(node);
        return node.toString();
    }

    private static ObjectNode order(ObjectNode event) {
        return (ObjectNode) event.get("order");
    }

    private String json(Object event) {
        try {
            return mapper.writeValueAsString(event);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every schema under a {@code properties} keyword, anywhere in the document, that has
     * no description.
     */
    private static List<String> propertiesWithoutDescription(JsonNode node, String path) {
        List<String> missing = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "/" + field.getKey();
                if (field.getKey().equals("properties") && !isInsideCondition(path)) {
                    field.getValue().fields().forEachRemaining(property -> {
                        if (!property.getValue().hasNonNull("description")) {
                            missing.add(at + "/" + property.getKey());
                        }
                    });
                }
                missing.addAll(propertiesWithoutDescription(field.getValue(), at));
            }
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                missing.addAll(propertiesWithoutDescription(node.get(i), path + "/" + i));
            }
        }
        return missing;
    }

    /**
     * Properties in if/then/else, not, contains and prefixItems only constrain properties
     * declared elsewhere.
     */
    private static boolean isInsideCondition(String path) {
        return Stream.of("/if", "/then", "/else", "/not", "/contains", "/prefixItems")
            .anyMatch(keyword -> path.contains(keyword + "/") || path.endsWith(keyword));
    }

}
