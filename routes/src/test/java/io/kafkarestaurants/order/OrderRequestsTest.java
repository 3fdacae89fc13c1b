package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkarestaurants.Orders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestsTest {

    static final long MAX_BYTES = 4096;

    private final OrderRequests requests = new OrderRequests(MAX_BYTES);

    @Test
    void readsAValidOrder() {
        OrderRequest request = requests.read(bytes(Orders.pickupOrderJson()));

        assertThat(request.restaurantId()).isEqualTo(Orders.TRATTORIA);
        assertThat(request.items()).containsExactly(Orders.line(Orders.MARGHERITA, 2), Orders.line(Orders.TIRAMISU, 1));
        assertThat(request.email()).isEqualTo(Orders.EMAIL);
        assertThat(request.card().number()).isEqualTo(Orders.VISA_TYPED);
        assertThat(request.card().expiry()).isEqualTo(Orders.EXPIRY);
        assertThat(request.fulfilment()).isNull();
    }

    @Test
    void readsADeliveryOrder() {
        OrderRequest request = requests.read(bytes("""
                {"restaurantId":"r","items":[],"email":"e","card":{"number":"1","expiry":"2"},
                 "fulfilment":{"type":"delivery","address":"1 Main St"}}
                """));

        assertThat(request.fulfilment()).isEqualTo(new OrderRequest.FulfilmentInput("delivery", "1 Main St"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "{\"restaurantId\": \"trattoria\", ", "{\"restaurantId\": tru}", "{restaurantId: 1}", "}" })
    void malformedJsonIsReportedOnTheBody(String body) {
        InvalidOrderException e = invalid(body);

        assertThat(e.errors()).containsExactly(new FieldError("body", "is not valid JSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"card\": {\"number\": \"4242\"]}",
            "{\"card\": {\"number\": \"4242\" \"expiry\": \"12/30\"}}",
            "{\"items\": [{\"menuItemId\": \"a\", \"quantity\": 1]}",
            "{\"items\": [{\"menuItemId\": \"a\", \"quantity\": 1},}",
            "{\"card\": {\"number\": \"4242\", \"number\": \"4343\"}}" })
    void malformedJsonInsideAFieldIsReportedOnTheBody(String body) {
        InvalidOrderException e = invalid(body);

        assertThat(e.errors()).containsExactly(new FieldError("body", "is not valid JSON"));
    }

    @Test
    void jsonThatIsNotAnObjectIsReportedOnTheBody() {
        assertThat(fieldOf("[1, 2, 3]")).isEqualTo("body");
    }

    @Test
    void jsonNullIsReportedOnTheBody() {
        assertThat(fieldOf("null")).isEqualTo("body");
    }

    @Test
    void unknownTopLevelFieldIsNamed() {
        assertThat(fieldOf("{\"restaurantId\":\"r\",\"total\":\"0.01\"}")).isEqualTo("total");
    }

    @Test
    void unknownNestedFieldIsNamedByItsPath() {
        InvalidOrderException e = invalid("""
                {"restaurantId":"r","card":{"number":"4242424242424242","expiry":"12/30","cvv":"123"}}
                """);

        assertThat(e.errors()).containsExactly(new FieldError("card.cvv", "is not a known field"));
    }

    @Test
    void unknownFieldOfAnItemIsNamedWithItsIndex() {
        assertThat(fieldOf("""
                {"items":[{"menuItemId":"a","quantity":1},{"menuItemId":"b","quantity":1,"price":"0.01"}]}
                """)).isEqualTo("items[1].price");
    }

    @Test
    void quantityAsAStringIsAWrongType() {
        InvalidOrderException e = invalid("{\"items\":[{\"menuItemId\":\"a\",\"quantity\":\"2\"}]}");

        assertThat(e.errors()).containsExactly(new FieldError("items[0].quantity", "has the wrong type"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2.5", "1e1" })
    void fractionalQuantityIsAWrongType(String quantity) {
        InvalidOrderException e = invalid("{\"items\":[{\"menuItemId\":\"a\",\"quantity\":" + quantity + "}]}");

        assertThat(e.errors()).containsExactly(new FieldError("items[0].quantity", "has the wrong type"));
    }

    @Test
    void emailAsANumberIsAWrongType() {
        InvalidOrderException e = invalid("{\"email\": 5}");

        assertThat(e.errors()).containsExactly(new FieldError("email", "has the wrong type"));
    }

    @Test
    void cardNumberAsANumberIsAWrongType() {
        assertThat(fieldOf("{\"card\":{\"number\":4242424242424242,\"expiry\":\"12/30\"}}")).isEqualTo("card.number");
    }

    @Test
    void booleanForATextIsAWrongType() {
        assertThat(fieldOf("{\"restaurantId\": true}")).isEqualTo("restaurantId");
    }

    @Test
    void itemsAsAnObjectIsAWrongType() {
        assertThat(fieldOf("{\"items\": {\"menuItemId\":\"a\",\"quantity\":1}}")).isEqualTo("items");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"email\":\"a@b.co\"} {\"email\":\"c@d.co\"}", "{\"email\":\"a@b.co\"} []",
            "{\"email\":\"a@b.co\"} x" })
    void trailingContentIsRejectedOnTheBody(String body) {
        assertThat(fieldOf(body)).isEqualTo("body");
    }

    @Test
    void duplicateFieldIsNotValidJson() {
        InvalidOrderException e = invalid("{\"email\":\"a@b.co\",\"email\":\"c@d.co\"}");

        assertThat(e.errors()).containsExactly(new FieldError("body", "is not valid JSON"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "")
    void emptyBodyIsRejectedOnTheBody(String body) {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class,
                () -> requests.read(body == null ? null : bytes(body)));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void bodyOverTheLimitIsTooLarge() {
        byte[] body = bytes("{\"email\":\"" + "a".repeat((int) MAX_BYTES) + "\"}");

        assertThatThrownBy(() -> requests.read(body)).isInstanceOf(PayloadTooLargeException.class)
            .hasMessageContaining(String.valueOf(MAX_BYTES));
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        String prefix = "{\"email\":\"";
        String suffix = "\"}";
        String body = prefix + "a".repeat((int) MAX_BYTES - prefix.length() - suffix.length()) + suffix;

        assertThat(requests.read(bytes(body)).email()).hasSize((int) MAX_BYTES - 12);
    }

    @Test
    void declaredLengthOverTheLimitIsTooLarge() {
        assertThatThrownBy(() -> requests.checkDeclaredLength(MAX_BYTES + 1))
            .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void declaredLengthUpToTheLimitOrAbsentIsAccepted() {
        assertThatCode(() -> {
            requests.checkDeclaredLength(MAX_BYTES);
            requests.checkDeclaredLength(0L);
            requests.checkDeclaredLength(null);
        }).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "application/json", "application/json;charset=UTF-8", "application/json; charset=utf-8",
            "APPLICATION/JSON", "" })
    void jsonMediaTypesAreAccepted(String contentType) {
        assertThatCode(() -> requests.checkMediaType(contentType)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "text/json-ish" })
    void otherMediaTypesAreUnsupported(String contentType) {
        assertThatThrownBy(() -> requests.checkMediaType(contentType))
            .isInstanceOf(UnsupportedMediaTypeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"card\":{\"number\":\"4242424242424242\",\"expiry\":\"12/30\",\"cvv\":\"123\"}}",
            "{\"card\":{\"number\":\"4242424242424242\",\"expiry\":12}}",
            "{\"card\":{\"number\":\"4242424242424242\" \"expiry\":\"12/30\"}}",
            "{\"card\":{\"number\":\"4242424242424242\",\"expiry\":\"12/30\"}} 4242424242424242",
            "{\"card\":{\"number\":\"4242424242424242\",\"number\":\"4242424242424242\"}}",
            "{\"card\":{\"number\":4242424242424242}}", "{\"card\":{\"number\":[\"4242424242424242\"]}}",
            "{\"card\":\"4242424242424242\"}" })
    void rejectionsNeverQuoteTheCardNumber(String body) {
        InvalidOrderException e = invalid(body);

        assertThat(e.getMessage()).doesNotContain("4242424242424242").doesNotContain("424242");
        assertThat(e.errors()).allSatisfy(error -> {
            assertThat(error.field()).doesNotContain("4242");
            assertThat(error.message()).doesNotContain("4242");
        });
        assertThat(e.getCause()).isNull();
    }

    private String fieldOf(String body) {
        InvalidOrderException e = invalid(body);
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0).field();
    }

    private InvalidOrderException invalid(String body) {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class, () -> requests.read(bytes(body)));
        assertThat(e).as("rejection of %s", body).isNotNull();
        return e;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
