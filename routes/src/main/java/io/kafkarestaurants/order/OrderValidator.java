package io.kafkarestaurants.order;

import io.kafkarestaurants.catalog.Catalog;
import io.kafkarestaurants.catalog.Restaurant;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.order.OrderRequest.CardInput;
import io.kafkarestaurants.order.OrderRequest.FulfilmentInput;
import io.kafkarestaurants.order.OrderRequest.Line;
import io.kafkarestaurants.payment.CardNumbers;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The intake rules: the restaurant and every menu item exist, 1 to {@value #MAX_LINES}
 * lines of quantity 1 to {@value #MAX_QUANTITY}, a well-formed email, a card that passes
 * Luhn with 12 to 19 digits, an expiry MM/YY not in the past, and delivery only from a
 * restaurant that delivers, to an address. All errors are reported at once.
 */
public class OrderValidator {

    static final int MAX_LINES = 30;
    static final int MAX_QUANTITY = 20;
    static final int MAX_EMAIL = 254;
    static final int MAX_ADDRESS = 200;

    private static final Pattern EMAIL = Pattern
        .compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private static final Pattern EXPIRY = Pattern.compile("^(0[1-9]|1[0-2])/(\\d{2})$");

    private final Catalog catalog;

    private final Clock clock;

    public OrderValidator(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Throws {@link InvalidOrderException} listing every problem; returns normally when
     * the order is valid.
     */
    public void validate(OrderRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Restaurant> restaurant = restaurant(request.restaurantId(), errors);
        items(request.items(), restaurant, errors);
        email(request.email(), errors);
        card(request.card(), errors);
        fulfilment(request.fulfilment(), restaurant, errors);
        if (!errors.isEmpty()) {
            throw new InvalidOrderException(errors);
        }
    }

    private Optional<Restaurant> restaurant(String id, List<FieldError> errors) {
        if (isBlank(id)) {
            errors.add(new FieldError("restaurantId", "is required"));
            return Optional.empty();
        }
        Optional<Restaurant> restaurant = catalog.restaurant(id);
        if (restaurant.isEmpty()) {
            errors.add(new FieldError("restaurantId", "is not a restaurant of the catalog"));
        }
        return restaurant;
    }

    private static void items(List<Line> items, Optional<Restaurant> restaurant, List<FieldError> errors) {
        if (items == null || items.isEmpty()) {
            errors.add(new FieldError("items", "must hold at least one item"));
            return;
        }
        if (items.size() > MAX_LINES) {
            errors.add(new FieldError("items", "must hold at most " + MAX_LINES + " lines"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            Line line = items.get(i);
            String at = "items[" + i + "]";
            if (line == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            if (isBlank(line.menuItemId())) {
                errors.add(new FieldError(at + ".menuItemId", "is required"));
            }
            else if (restaurant.isPresent() && restaurant.get().item(line.menuItemId()).isEmpty()) {
                errors.add(new FieldError(at + ".menuItemId", "is not on this restaurant's menu"));
            }
            if (line.quantity() == null) {
                errors.add(new FieldError(at + ".quantity", "is required"));
            }
            else if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                errors.add(new FieldError(at + ".quantity", "must be between 1 and " + MAX_QUANTITY));
            }
        }
    }

    private static void email(String email, List<FieldError> errors) {
        if (isBlank(email)) {
            errors.add(new FieldError("email", "is required"));
        }
        else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an email address"));
        }
    }

    private void card(CardInput card, List<FieldError> errors) {
        if (card == null) {
            errors.add(new FieldError("card", "is required"));
            return;
        }
        if (isBlank(card.number())) {
            errors.add(new FieldError("card.number", "is required"));
        }
        else {
            CardNumbers.problem(card.number()).ifPresent(problem -> errors.add(new FieldError("card.number", problem)));
        }
        if (isBlank(card.expiry())) {
            errors.add(new FieldError("card.expiry", "is required"));
            return;
        }
        var matcher = EXPIRY.matcher(card.expiry().trim());
        if (!matcher.matches()) {
            errors.add(new FieldError("card.expiry", "must be MM/YY"));
        }
        else {
            YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(1)));
            if (expiry.isBefore(YearMonth.now(clock))) {
                errors.add(new FieldError("card.expiry", "is in the past"));
            }
        }
    }

    private static void fulfilment(FulfilmentInput fulfilment, Optional<Restaurant> restaurant,
            List<FieldError> errors) {
        if (fulfilment == null) {
            return;
        }
        if (Fulfilment.PICKUP.equals(fulfilment.type())) {
            return;
        }
        if (!Fulfilment.DELIVERY.equals(fulfilment.type())) {
            errors.add(new FieldError("fulfilment.type", "must be delivery or pickup"));
            return;
        }
        if (restaurant.isPresent() && !restaurant.get().delivery()) {
            errors.add(new FieldError("fulfilment.type", "this restaurant does not deliver"));
        }
        if (isBlank(fulfilment.address())) {
            errors.add(new FieldError("fulfilment.address", "is required for delivery"));
        }
        else if (fulfilment.address().length() > MAX_ADDRESS) {
            errors.add(new FieldError("fulfilment.address", "must be at most " + MAX_ADDRESS + " characters"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

}
