package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkarestaurants.Orders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The intake's parser, validator, naming and pricing over hostile bodies (random bytes, a
 * valid order with one field swapped for any JSON value, deep nesting): every body is
 * either a placed order or a 4xx problem (InvalidOrderException,
 * PayloadTooLargeException), never any other exception, which the REST route would answer
 * 500.
 */
class OrderIntakeFuzzTest {

    static final int MAX_BYTES = 65536;
    static final ObjectMapper JSON = new ObjectMapper();

    final OrderRequests requests = new OrderRequests(MAX_BYTES);

    final OrderValidator validator = new OrderValidator(Orders.catalog(), Clock.systemUTC());

    final OrderIds ids = new OrderIds();

    final OrderFactory factory = new OrderFactory(Orders.catalog(), Orders.cipher(), Clock.systemUTC());

    @Property(tries = 2000)
    void anyBytesAreAnOrderOrA4xx(@ForAll @Size(max = 2048) byte[] body) {
        assertOrderOr4xx(body);
    }

    @Property(tries = 3000)
    void aValidOrderWithAnyFieldSwappedForAnyJsonValueIsAnOrderOrA4xx(@ForAll("fields") String pointer,
            @ForAll("values") JsonNode value) throws Exception {
        ObjectNode order = (ObjectNode) JSON.readTree(Orders.pickupOrderJson());
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = order.at(at.head());
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(at.last().getMatchingProperty()), value);
        }
        else {
            ((ObjectNode) parent).set(at.last().getMatchingProperty(), value);
        }
        assertOrderOr4xx(JSON.writeValueAsBytes(order));
    }

    @Property(tries = 50)
    void deeplyNestedBodiesAreA4xx(@ForAll("depths") int depth, @ForAll("openers") String opener) {
        String close = opener.equals("[") ? "]" : "}";
        String inner = opener.equals("[") ? "[" : "{\"a\":";
        String body = inner.repeat(depth) + "1" + close.repeat(depth);
        assertOrderOr4xx(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertOrderOr4xx(byte[] body) {
        try {
            OrderRequest request = requests.read(body);
            validator.validate(request);
            String orderId = ids.of("fuzz-key", request);
            assertThat(factory.place(request, orderId, Orders.TRACE_ID).orderId()).isEqualTo(orderId);
        }
        catch (InvalidOrderException | PayloadTooLargeException expected) {
            // a 400 naming the field, or a 413
        }
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("/restaurantId", "/items", "/items/0", "/items/0/menuItemId", "/items/0/quantity",
                "/email", "/card", "/card/number", "/card/expiry", "/fulfilment", "/extra");
    }

    @Provide
    Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300).map(JSON.getNodeFactory()::textNode),
                Arbitraries.strings().withChars("0123456789 -/").ofMaxLength(25).map(JSON.getNodeFactory()::textNode),
                Arbitraries.integers().map(JSON.getNodeFactory()::numberNode),
                Arbitraries.longs().map(JSON.getNodeFactory()::numberNode),
                Arbitraries.doubles().map(JSON.getNodeFactory()::numberNode),
                Arbitraries.bigDecimals().map(JSON.getNodeFactory()::numberNode),
                Arbitraries.of(true, false).map(JSON.getNodeFactory()::booleanNode),
                Arbitraries.just(JSON.getNodeFactory().nullNode()));
        return Arbitraries.oneOf(scalars,
                scalars.list().ofMaxSize(5).map(list -> JSON.getNodeFactory().arrayNode().addAll(list)),
                scalars.list().ofMaxSize(5).map(list -> {
                    ObjectNode object = JSON.createObjectNode();
                    for (int i = 0; i < list.size(); i++) {
                        object.set(List.of("menuItemId", "quantity", "number", "expiry", "type", "x").get(i % 6),
                                list.get(i));
                    }
                    return object;
                }));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 20_000);
    }

    @Provide
    Arbitrary<String> openers() {
        return Arbitraries.of("[", "{");
    }

}
