package io.kafkarestaurants.order;

import static io.kafkarestaurants.Orders.MARGHERITA;
import static io.kafkarestaurants.Orders.NOODLE_BAR;
import static io.kafkarestaurants.Orders.RAMEN;
import static io.kafkarestaurants.Orders.TIRAMISU;
import static io.kafkarestaurants.Orders.anOrder;
import static io.kafkarestaurants.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.kafkarestaurants.Orders;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderValidatorTest {

    private final OrderValidator validator = new OrderValidator(Orders.catalog(), Orders.clock());

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("unknown restaurant", anOrder().restaurant("nowhere"), "restaurantId",
                        "is not a restaurant of the catalog"),
                arguments("missing restaurant", anOrder().restaurant(null), "restaurantId", "is required"),
                arguments("unknown menu item", anOrder().items(line("lobster", 1)), "items[0].menuItemId",
                        "is not on this restaurant's menu"),
                arguments("item of another restaurant", anOrder().items(line(MARGHERITA, 1), line(RAMEN, 1)),
                        "items[1].menuItemId", "is not on this restaurant's menu"),
                arguments("missing menu item id", anOrder().items(line(" ", 1)), "items[0].menuItemId", "is required"),
                arguments("quantity 0", anOrder().items(line(MARGHERITA, 0)), "items[0].quantity",
                        "must be between 1 and 20"),
                arguments("quantity 21", anOrder().items(line(MARGHERITA, 21)), "items[0].quantity",
                        "must be between 1 and 20"),
                arguments("negative quantity", anOrder().items(line(MARGHERITA, -1)), "items[0].quantity",
                        "must be between 1 and 20"),
                arguments("missing quantity", anOrder().items(line(MARGHERITA, null)), "items[0].quantity",
                        "is required"),
                arguments("null line", anOrder().items((OrderRequest.Line) null), "items[0]", "is required"),
                arguments("no lines", anOrder().items(List.of()), "items", "must hold at least one item"),
                arguments("missing lines", anOrder().items((List<OrderRequest.Line>) null), "items",
                        "must hold at least one item"),
                arguments("31 lines", anOrder().items(lines(31)), "items", "must hold at most 30 lines"),
                arguments("missing email", anOrder().email(null), "email", "is required"),
                arguments("blank email", anOrder().email("  "), "email", "is required"),
                arguments("email without @", anOrder().email("ada.example.com"), "email", "must be an email address"),
                arguments("email without domain", anOrder().email("ada@"), "email", "must be an email address"),
                arguments("email without dot in domain", anOrder().email("ada@localhost"), "email",
                        "must be an email address"),
                arguments("email with a header break", anOrder().email("ada@example.com\r\nBcc: eve@example.com"),
                        "email", "must be an email address"),
                arguments("email over 254 characters",
                        anOrder().email("a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "."
                                + "d".repeat(60) + "." + "e".repeat(10) + ".com"),
                        "email", "must be an email address"),
                arguments("missing card", anOrder().noCard(), "card", "is required"),
                arguments("missing card number", anOrder().card(null, "12/30"), "card.number", "is required"),
                arguments("card failing Luhn", anOrder().card("4242424242424241", "12/30"), "card.number",
                        "is not a valid card number"),
                arguments("card of 11 digits", anOrder().card("42424242428", "12/30"), "card.number",
                        "must have 12 to 19 digits"),
                arguments("card of 20 digits", anOrder().card("42424242424242424242", "12/30"), "card.number",
                        "must have 12 to 19 digits"),
                arguments("card with letters", anOrder().card("4242 4242 4242 ABCD", "12/30"), "card.number",
                        "must contain digits only"),
                arguments("missing expiry", anOrder().card(Orders.VISA, null), "card.expiry", "is required"),
                arguments("expiry 1/30", anOrder().card(Orders.VISA, "1/30"), "card.expiry", "must be MM/YY"),
                arguments("expiry 13/30", anOrder().card(Orders.VISA, "13/30"), "card.expiry", "must be MM/YY"),
                arguments("expiry 00/30", anOrder().card(Orders.VISA, "00/30"), "card.expiry", "must be MM/YY"),
                arguments("expiry 12-30", anOrder().card(Orders.VISA, "12-30"), "card.expiry", "must be MM/YY"),
                arguments("expiry 12/2030", anOrder().card(Orders.VISA, "12/2030"), "card.expiry", "must be MM/YY"),
                arguments("expiry last month", anOrder().card(Orders.VISA, "02/26"), "card.expiry", "is in the past"),
                arguments("expiry last year", anOrder().card(Orders.VISA, "12/25"), "card.expiry", "is in the past"),
                arguments("delivery from a restaurant that does not deliver",
                        anOrder().restaurant(NOODLE_BAR).items(line(RAMEN, 1)).delivery("1 Main St"), "fulfilment.type",
                        "this restaurant does not deliver"),
                arguments("delivery without address", anOrder().delivery(null), "fulfilment.address",
                        "is required for delivery"),
                arguments("delivery to a blank address", anOrder().delivery("   "), "fulfilment.address",
                        "is required for delivery"),
                arguments("delivery address over 200 characters", anOrder().delivery("x".repeat(201)),
                        "fulfilment.address", "must be at most 200 characters"),
                arguments("unknown fulfilment type", anOrder().fulfilment("drone", "1 Main St"), "fulfilment.type",
                        "must be delivery or pickup"),
                arguments("fulfilment without type", anOrder().fulfilment(null, "1 Main St"), "fulfilment.type",
                        "must be delivery or pickup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleRejectsItsFieldAlone(String rule, Orders.RequestBuilder order, String field, String message) {
        InvalidOrderException e = rejected(order.build());

        assertThat(e.errors()).containsExactly(new FieldError(field, message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void errorsNeverContainTheCardNumber(String rule, Orders.RequestBuilder order, String field, String message) {
        InvalidOrderException e = rejected(order.build());

        assertThat(e.getMessage()).doesNotContain("4242424242");
        assertThat(e.errors()).allSatisfy(error -> assertThat(error.toString()).doesNotContain("4242424242"));
    }

    @Test
    void validPickupOrderPasses() {
        assertThatCode(() -> validator.validate(Orders.pickupOrder())).doesNotThrowAnyException();
    }

    @Test
    void validDeliveryOrderPasses() {
        assertThatCode(() -> validator.validate(Orders.deliveryOrder("1 Main St"))).doesNotThrowAnyException();
    }

    @Test
    void explicitPickupFromARestaurantThatDoesNotDeliverPasses() {
        OrderRequest pickup = anOrder().restaurant(NOODLE_BAR).items(line(RAMEN, 1)).pickup().build();

        assertThatCode(() -> validator.validate(pickup)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "03/26", "12/30", " 04/26 " })
    void expiryThisMonthOrLaterPasses(String expiry) {
        assertThatCode(() -> validator.validate(anOrder().card(Orders.VISA, expiry).build()))
            .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { Orders.VISA, Orders.VISA_TYPED, "4242-4242-4242-4242", Orders.MASTERCARD, Orders.AMEX,
            "6011111111111117" })
    void cardNumbersAsTypedPass(String number) {
        assertThatCode(() -> validator.validate(anOrder().card(number, Orders.EXPIRY).build()))
            .doesNotThrowAnyException();
    }

    @Test
    void boundaryQuantitiesAndLineCountsPass() {
        assertThatCode(() -> {
            validator.validate(anOrder().items(line(MARGHERITA, 1), line(TIRAMISU, 20)).build());
            validator.validate(anOrder().items(lines(30)).build());
        }).doesNotThrowAnyException();
    }

    @Test
    void severalErrorsAreReportedAtOnce() {
        OrderRequest order = anOrder().items(line(MARGHERITA, 0), line("lobster", 1))
            .email("not-an-email")
            .card("4242424242424241", "13/30")
            .delivery(null)
            .build();

        InvalidOrderException e = rejected(order);

        assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("items[0].quantity", "items[1].menuItemId", "email", "card.number", "card.expiry",
                    "fulfilment.address");
        assertThat(e.getMessage()).contains("email", "card.number").doesNotContain("4242424242424241");
    }

    @Test
    void unknownRestaurantDoesNotHideTheOtherErrors() {
        InvalidOrderException e = rejected(
                anOrder().restaurant("nowhere").items(line(MARGHERITA, 99)).email("x").build());

        assertThat(e.errors()).extracting(FieldError::field)
            .containsExactly("restaurantId", "items[0].quantity", "email");
    }

    private InvalidOrderException rejected(OrderRequest order) {
        InvalidOrderException e = catchThrowableOfType(InvalidOrderException.class, () -> validator.validate(order));
        assertThat(e).as("validation of %s", order).isNotNull();
        return e;
    }

    private static List<OrderRequest.Line> lines(int count) {
        return IntStream.range(0, count).mapToObj(i -> line(i % 2 == 0 ? MARGHERITA : TIRAMISU, 1)).toList();
    }

}
