package io.kafkarestaurants.catalog;

import java.util.List;
import java.util.Locale;

/**
 * Answers {@code GET /search} with the seed's parameters: {@code restaurant_name} (substring) and
 * {@code restaurant_style} match case-insensitively, {@code vegetarian} and {@code delivery} filter only when
 * they are {@code true} (as the original site's check boxes did); blank parameters are ignored.
 */
public class CatalogSearch {

    private final Catalog catalog;

    public CatalogSearch(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<RestaurantSummary> search(String name, String style, String vegetarian, String delivery) {
        String nameNeedle = normalise(name);
        String styleWanted = normalise(style);
        boolean vegetarianOnly = isTrue(vegetarian);
        boolean deliveryOnly = isTrue(delivery);
        return catalog.restaurants().stream()
                .filter(r -> nameNeedle == null || normalise(r.name()).contains(nameNeedle))
                .filter(r -> styleWanted == null || normalise(r.style()).equals(styleWanted))
                .filter(r -> !vegetarianOnly || r.vegetarian())
                .filter(r -> !deliveryOnly || r.delivery())
                .map(Restaurant::summary)
                .toList();
    }

    private static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isTrue(String flag) {
        return flag != null && (flag.equalsIgnoreCase("true") || flag.equals("1") || flag.equalsIgnoreCase("on")
                || flag.equalsIgnoreCase("yes"));
    }
}
