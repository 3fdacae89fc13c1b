package io.kafkarestaurants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.Orders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogSearchTest {

    private final Catalog catalog = Catalog.load(CatalogTest.CATALOG_FILE, Orders.mapper());

    /**
     * Recent orders as the popularity board would count them: three restaurants have
     * some.
     */
    private final Map<String, Integer> recent = new HashMap<>(Map.of("sabich", 2, "amore-mio", 5, "hummus-sababa", 2));

    private final CatalogSearch search = new CatalogSearch(catalog, id -> recent.getOrDefault(id, 0));

    @Test
    void noParametersReturnsTheWholeCatalogInOrder() {
        assertThat(ids(search.search(null, null, null, null, null))).isEqualTo(expected(r -> true));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "\t" })
    void blankParametersAreIgnored(String blank) {
        assertThat(search.search(blank, blank, blank, blank, null)).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = { "china", "CHINA", "China", "  china  " })
    void nameMatchesASubstringInAnyCase(String name) {
        assertThat(ids(search.search(name, null, null, null, null)))
            .isEqualTo(expected(r -> r.name().toLowerCase(Locale.ROOT).contains("china")))
            .containsExactly("china-town", "china-city");
    }

    @Test
    void nameMatchesInTheMiddleOfAName() {
        assertThat(ids(search.search("duck", null, null, null, null))).containsExactly("peking-duck-house");
    }

    @Test
    void nameThatMatchesNothingReturnsNoRestaurants() {
        assertThat(search.search("sushi", null, null, null, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "italian", "ITALIAN", "Italian" })
    void styleMatchesExactlyInAnyCase(String style) {
        assertThat(ids(search.search(null, style, null, null, null)))
            .isEqualTo(expected(r -> r.style().equalsIgnoreCase("italian")))
            .containsExactly("pizza-makpiza", "amore-mio", "cafe-italia");
    }

    @ParameterizedTest
    @CsvSource({ "Israeli", "Chinese" })
    void everyStyleOfTheCatalogFindsItsRestaurants(String style) {
        assertThat(ids(search.search(null, style, null, null, null))).isNotEmpty()
            .isEqualTo(expected(r -> r.style().equals(style)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ital", "Italian food" })
    void styleIsNotASubstringMatch(String style) {
        assertThat(search.search(null, style, null, null, null)).isEmpty();
    }

    @Test
    void vegetarianTrueKeepsOnlyVegetarianRestaurants() {
        List<RestaurantSummary> hits = search.search(null, null, "true", null, null);

        assertThat(hits).isNotEmpty().allMatch(RestaurantSummary::vegetarian);
        assertThat(ids(hits)).isEqualTo(expected(Restaurant::vegetarian));
    }

    @Test
    void deliveryTrueKeepsOnlyRestaurantsThatDeliver() {
        List<RestaurantSummary> hits = search.search(null, null, null, "true", null);

        assertThat(hits).isNotEmpty().allMatch(RestaurantSummary::delivery);
        assertThat(ids(hits)).isEqualTo(expected(Restaurant::delivery));
    }

    @ParameterizedTest
    @ValueSource(strings = { "false", "no", "0", "maybe" })
    void flagsOtherThanTrueDoNotFilter(String flag) {
        assertThat(search.search(null, null, flag, flag, null)).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = { "TRUE", "True", "1", "on", "yes" })
    void checkBoxValuesCountAsTrue(String flag) {
        assertThat(ids(search.search(null, null, flag, null, null))).isEqualTo(expected(Restaurant::vegetarian));
    }

    @Test
    void parametersCombine() {
        assertThat(ids(search.search(null, "Chinese", "true", "true", null)))
            .isEqualTo(expected(r -> r.style().equals("Chinese") && r.vegetarian() && r.delivery()))
            .containsExactly("china-city", "peking-duck-house");
    }

    @Test
    void nameAndStyleCombine() {
        assertThat(ids(search.search("a", "italian", null, "true", null))).isEqualTo(expected(
                r -> r.name().toLowerCase(Locale.ROOT).contains("a") && r.style().equals("Italian") && r.delivery()))
            .containsExactly("amore-mio", "cafe-italia");
    }

    @Test
    void vegetarianItalianThatDeliversIsAmoreMio() {
        assertThat(ids(search.search(null, "italian", "true", "true", null))).containsExactly("amore-mio");
    }

    @Test
    void hitsCarryTheSearchFieldsOfTheRestaurant() {
        assertThat(search.search("port oren", null, null, null, null))
            .containsExactly(new RestaurantSummary("port-oren", "Port Oren", "Israeli", false, true, 0));
    }

    private List<String> expected(Predicate<Restaurant> filter) {
        return catalog.restaurants().stream().filter(filter).map(Restaurant::id).toList();
    }

    private static List<String> ids(List<RestaurantSummary> hits) {
        return hits.stream().map(RestaurantSummary::id).toList();
    }

    @Test
    void everySummaryCarriesItsRestaurantsRecentOrders() {
        assertThat(search.search(null, null, null, null, null))
            .allSatisfy(hit -> assertThat(hit.recentOrders()).isEqualTo(recent.getOrDefault(hit.id(), 0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "popular", "POPULAR", " popular " })
    void sortPopularPutsTheMostOrderedFirstAndTiesByName(String sort) {
        List<String> ids = ids(search.search(null, null, null, null, sort));

        // amore-mio 5, then the two with 2 by name (Hummus Sababa before Sabich), then
        // the others by name.
        assertThat(ids).startsWith("amore-mio", "hummus-sababa", "sabich").hasSize(15);
        List<String> rest = search.search(null, null, null, null, sort)
            .subList(3, 15)
            .stream()
            .map(RestaurantSummary::name)
            .toList();
        assertThat(rest).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void theRankingFollowsTheCountsOfTheMoment() {
        recent.put("sabich", 9);

        assertThat(ids(search.search(null, null, null, null, "popular"))).startsWith("sabich", "amore-mio");
    }

    @Test
    void sortPopularKeepsTheFilters() {
        assertThat(ids(search.search(null, "israeli", null, null, "popular"))).startsWith("hummus-sababa", "sabich")
            .doesNotContain("amore-mio");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "catalog", " Catalog " })
    void sortCatalogOrNoneKeepsTheCatalogsOrder(String sort) {
        assertThat(ids(search.search(null, null, null, null, sort))).isEqualTo(expected(r -> true));
    }

    @ParameterizedTest
    @ValueSource(strings = { "rating", "popularity", "name" })
    void anUnknownSortIsRefusedNamingTheParameter(String sort) {
        assertThatThrownBy(() -> search.search(null, null, null, null, sort))
            .isInstanceOfSatisfying(InvalidSearchException.class, e -> assertThat(e.field()).isEqualTo("sort"));
    }

}
