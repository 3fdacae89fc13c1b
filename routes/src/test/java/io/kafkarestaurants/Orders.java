package io.kafkarestaurants;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.MenuItem;
import io.kafkarestaurants.catalog.Restaurant;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.order.OrderFactory;
import io.kafkarestaurants.order.OrderRequest;
import io.kafkarestaurants.order.OrderRequest.CardInput;
import io.kafkarestaurants.order.OrderRequest.FulfilmentInput;
import io.kafkarestaurants.order.OrderRequest.Line;
import io.kafkarestaurants.payment.BankPayments;
import io.kafkarestaurants.payment.CardCipher;
import io.kafkarestaurants.payment.CardKeyRing;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Test data for the beans: a two-restaurant catalog, order requests, and the events of
 * one order built by the real {@link OrderFactory} and {@link BankPayments} with a fixed
 * clock and a test card key.
 */
public final class Orders {

    /** "Now" for every test: 15 March 2026, so a card expiring 02/26 is last month's. */
    public static final Instant NOW = Instant.parse("2026-03-15T10:00:00Z");

    /**
     * The trace every history entry of these orders is marked with (W3C trace-context's
     * example).
     */
    public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** Delivers, EUR, not vegetarian. */
    public static final String TRATTORIA = "trattoria-test";

    /** Does not deliver, USD, vegetarian. */
    public static final String NOODLE_BAR = "noodle-bar-test";

    public static final String MARGHERITA = "margherita";

    public static final String TIRAMISU = "tiramisu";

    public static final String RAMEN = "veggie-ramen";

    public static final String VISA = "4242424242424242";

    public static final String VISA_TYPED = "4242 4242 4242 4242";

    public static final String DECLINED_VISA = "4000000000000002";

    public static final String MASTERCARD = "5555555555554444";

    public static final String AMEX = "378282246310005";

    public static final String EXPIRY = "12/30";

    public static final String EMAIL = "ada@example.com";

    public static final String CARD_KEY_ID = "test-key";

    /** A fixed AES-256 key (bytes 0..31), base64. */
    public static final String CARD_KEY = Base64.getEncoder().encodeToString(bytes(32, 0));

    /** Another valid AES-256 key (bytes 100..131), base64. */
    public static final String OTHER_CARD_KEY = Base64.getEncoder().encodeToString(bytes(32, 100));

    public static final String PAYMENT_ID = "pay-0001";

    private Orders() {
    }

    public static Clock clock() {
        return clockAt(NOW);
    }

    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /**
     * Configured as the application's: Spring Boot's builder (modules found on the class
     * path, unknown properties ignored) plus the {@code spring.jackson} settings of
     * application.yaml.
     */
    public static ObjectMapper mapper() {
        return Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    }

    public static CardCipher cipher() {
        return cipher(CARD_KEY_ID, CARD_KEY);
    }

    /** A cipher holding this one key (base64) under this id, sealing with it. */
    public static CardCipher cipher(String keyId, String key) {
        return new CardCipher(CardKeyRing.configured(null, key, keyId, keyId));
    }

    /**
     * Two restaurants: {@link #TRATTORIA} (delivers, EUR) and {@link #NOODLE_BAR} (no
     * delivery, USD).
     */
    public static Catalog catalog() {
        return Catalog.of(List.of(trattoria(), noodleBar()));
    }

    public static Restaurant trattoria() {
        return new Restaurant(TRATTORIA, "Trattoria Test", "Italian", false, true, "EUR",
                List.of(new MenuItem(MARGHERITA, "Margherita", "Tomato, mozzarella, basil", new BigDecimal("9.50"),
                        true),
                        new MenuItem(TIRAMISU, "Tiramisu", "Coffee and mascarpone", new BigDecimal("6.25"), true)));
    }

    public static Restaurant noodleBar() {
        return new Restaurant(NOODLE_BAR, "Noodle Bar Test", "Chinese", true, false, "USD", List
            .of(new MenuItem(RAMEN, "Veggie Ramen", "Miso broth, tofu, greens", new BigDecimal("12.00"), true)));
    }

    public static OrderFactory orderFactory() {
        return new OrderFactory(catalog(), cipher(), clock());
    }

    public static BankPayments bankPayments() {
        return new BankPayments(cipher(), mapper(), clock());
    }

    /**
     * A valid pickup order at the trattoria: 2 margherita (19.00) + 1 tiramisu (6.25) =
     * 25.25 EUR, visa 4242.
     */
    public static OrderRequest pickupOrder() {
        return anOrder().build();
    }

    /** The {@link #pickupOrder()} delivered to {@code address}. */
    public static OrderRequest deliveryOrder(String address) {
        return anOrder().delivery(address).build();
    }

    /** The same order as {@link #pickupOrder()}, as a client sends it. */
    public static String pickupOrderJson() {
        return """
                {
                  "restaurantId": "%s",
                  "items": [
                    {"menuItemId": "%s", "quantity": 2},
                    {"menuItemId": "%s", "quantity": 1}
                  ],
                  "email": "%s",
                  "card": {"number": "%s", "expiry": "%s"}
                }
                """.formatted(TRATTORIA, MARGHERITA, TIRAMISU, EMAIL, VISA_TYPED, EXPIRY);
    }

    /** A valid pickup order whose every field can be changed. */
    public static RequestBuilder anOrder() {
        return new RequestBuilder();
    }

    public static Line line(String menuItemId, Integer quantity) {
        return new Line(menuItemId, quantity);
    }

    public static OrderPlaced placed() {
        return placed(pickupOrder());
    }

    public static OrderPlaced placed(OrderRequest request) {
        return orderFactory().place(request, UUID.randomUUID().toString(), TRACE_ID);
    }

    public static OrderPaid paid() {
        return paid(placed());
    }

    public static OrderPaid paid(OrderPlaced placed) {
        return bankPayments().paid(placed, "{\"paymentId\":\"" + PAYMENT_ID + "\",\"status\":\"APPROVED\"}", TRACE_ID);
    }

    /**
     * Declined by the bank with a 402 and this reason (e.g. {@code card_declined},
     * {@code insufficient_funds}).
     */
    public static OrderDeclined declined(String reason) {
        return declined(placed(), reason);
    }

    public static OrderDeclined declined(OrderPlaced placed, String reason) {
        return bankPayments().declined(placed, 402, "{\"reason\":\"" + reason + "\"}", TRACE_ID);
    }

    private static byte[] bytes(int length, int first) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    /** Starts as {@link #pickupOrder()}. */
    public static final class RequestBuilder {

        private String restaurantId = TRATTORIA;

        private List<Line> items = List.of(line(MARGHERITA, 2), line(TIRAMISU, 1));

        private String email = EMAIL;

        private CardInput card = new CardInput(VISA_TYPED, EXPIRY);

        private FulfilmentInput fulfilment;

        private RequestBuilder() {
        }

        public RequestBuilder restaurant(String id) {
            this.restaurantId = id;
            return this;
        }

        public RequestBuilder items(Line... lines) {
            this.items = Arrays.asList(lines);
            return this;
        }

        public RequestBuilder items(List<Line> lines) {
            this.items = lines;
            return this;
        }

        public RequestBuilder email(String email) {
            this.email = email;
            return this;
        }

        public RequestBuilder card(String number, String expiry) {
            this.card = new CardInput(number, expiry);
            return this;
        }

        public RequestBuilder noCard() {
            this.card = null;
            return this;
        }

        public RequestBuilder delivery(String address) {
            return fulfilment("delivery", address);
        }

        public RequestBuilder pickup() {
            return fulfilment("pickup", null);
        }

        public RequestBuilder fulfilment(String type, String address) {
            this.fulfilment = new FulfilmentInput(type, address);
            return this;
        }

        public OrderRequest build() {
            return new OrderRequest(restaurantId, items, email, card, fulfilment);
        }

    }

}
