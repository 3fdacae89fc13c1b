package io.kafkarestaurants.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Answers {@code GET /search} with the seed's parameters: {@code restaurant_name}
 * (substring) and {@code restaurant_style} match case-insensitively, {@code vegetarian}
 * and {@code delivery} filter only when they are {@code true} (as the original site's
 * check boxes did); blank parameters are ignored. Each summary carries its restaurant's
 * recent orders; {@code sort=popular} puts the most ordered first (ties by name),
 * {@code sort=catalog} or none keeps the catalog's order, any other value is refused.
 */
public class CatalogSearch {

    static final String SORT = "sort";
    static final String POPULAR = "popular";
    static final String CATALOG = "catalog";

    private static final Comparator<RestaurantSummary> MOST_POPULAR = Comparator
        .comparingInt(RestaurantSummary::recentOrders)
        .reversed()
        .thenComparing(RestaurantSummary::name, String.CASE_INSENSITIVE_ORDER);

    private final Catalog catalog;

    private final RecentOrders recentOrders;

    CatalogSearch(Catalog catalog, RecentOrders recentOrders) {
        this.catalog = catalog;
        this.recentOrders = recentOrders;
    }

    public List<RestaurantSummary> search(String name, String style, String vegetarian, String delivery, String sort) {
        boolean popular = popular(sort);
        String nameNeedle = normalise(name);
        String styleWanted = normalise(style);
        boolean vegetarianOnly = isTrue(vegetarian);
        boolean deliveryOnly = isTrue(delivery);
        List<RestaurantSummary> hits = catalog.restaurants()
            .stream()
            .filter(r -> nameNeedle == null || normalise(r.name()).contains(nameNeedle))
            .filter(r -> styleWanted == null || normalise(r.style()).equals(styleWanted))
            .filter(r -> !vegetarianOnly || r.vegetarian())
            .filter(r -> !deliveryOnly || r.delivery())
            .map(r -> r.summary(recentOrders.recentOrders(r.id())))
            .toList();
        return popular ? hits.stream().sorted(MOST_POPULAR).toList() : hits;
    }

    /**
     * Whether {@code sort} asks for the most popular first;
     * {@link InvalidSearchException} when it is unknown.
     */
    private static boolean popular(String sort) {
        String wanted = normalise(sort);
        if (wanted == null || wanted.equals(CATALOG)) {
            return false;
        }
        if (wanted.equals(POPULAR)) {
            return true;
        }
        throw new InvalidSearchException(SORT, "must be " + POPULAR + " or " + CATALOG);
    }

    private static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isTrue(String flag) {
        return flag != null && (flag.equalsIgnoreCase("true") || flag.equals("1") || flag.equalsIgnoreCase("on")
                || flag.equalsIgnoreCase("yes"));
    }

}
