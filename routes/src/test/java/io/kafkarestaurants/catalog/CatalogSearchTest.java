package io.kafkarestaurants.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogSearchTest {

    private final Catalog catalog = Catalog.load(CatalogTest.CATALOG_FILE, Orders.mapper());
    private final CatalogSearch search = new CatalogSearch(catalog);

    @Test
    void noParametersReturnsTheWholeCatalogInOrder() {
        assertThat(ids(search.search(null, null, null, null))).isEqualTo(expected(r -> true));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void blankParametersAreIgnored(String blank) {
        assertThat(search.search(blank, blank, blank, blank)).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"china", "CHINA", "China", "  china  "})
    void nameMatchesASubstringInAnyCase(String name) {
        assertThat(ids(search.search(name, null, null, null)))
                .isEqualTo(expected(r -> r.name().toLowerCase(Locale.ROOT).contains("china")))
                .containsExactly("china-town", "china-city");
    }

    @Test
    void nameMatchesInTheMiddleOfAName() {
        assertThat(ids(search.search("duck", null, null, null))).containsExactly("peking-duck-house");
    }

    @Test
    void nameThatMatchesNothingReturnsNoRestaurants() {
        assertThat(search.search("sushi", null, null, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"italian", "ITALIAN", "Italian"})
    void styleMatchesExactlyInAnyCase(String style) {
        assertThat(ids(search.search(null, style, null, null)))
                .isEqualTo(expected(r -> r.style().equalsIgnoreCase("italian")))
                .containsExactly("pizza-makpiza", "amore-mio", "cafe-italia");
    }

    @ParameterizedTest
    @CsvSource({"Israeli", "Chinese"})
    void everyStyleOfTheCatalogFindsItsRestaurants(String style) {
        assertThat(ids(search.search(null, style, null, null)))
                .isNotEmpty()
                .isEqualTo(expected(r -> r.style().equals(style)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ital", "Italian food"})
    void styleIsNotASubstringMatch(String style) {
        assertThat(search.search(null, style, null, null)).isEmpty();
    }

    @Test
    void vegetarianTrueKeepsOnlyVegetarianRestaurants() {
        List<RestaurantSummary> hits = search.search(null, null, "true", null);

        assertThat(hits).isNotEmpty().allMatch(RestaurantSummary::vegetarian);
        assertThat(ids(hits)).isEqualTo(expected(Restaurant::vegetarian));
    }

    @Test
    void deliveryTrueKeepsOnlyRestaurantsThatDeliver() {
        List<RestaurantSummary> hits = search.search(null, null, null, "true");

        assertThat(hits).isNotEmpty().allMatch(RestaurantSummary::delivery);
        assertThat(ids(hits)).isEqualTo(expected(Restaurant::delivery));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "no", "0", "maybe"})
    void flagsOtherThanTrueDoNotFilter(String flag) {
        assertThat(search.search(null, null, flag, flag)).hasSize(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "True", "1", "on", "yes"})
    void checkBoxValuesCountAsTrue(String flag) {
        assertThat(ids(search.search(null, null, flag, null))).isEqualTo(expected(Restaurant::vegetarian));
    }

    @Test
    void parametersCombine() {
        assertThat(ids(search.search(null, "Chinese", "true", "true")))
                .isEqualTo(expected(r -> r.style().equals("Chinese") && r.vegetarian() && r.delivery()))
                .containsExactly("china-city", "peking-duck-house");
    }

    @Test
    void nameAndStyleCombine() {
        assertThat(ids(search.search("a", "italian", null, "true")))
                .isEqualTo(expected(r -> r.name().toLowerCase(Locale.ROOT).contains("a")
                        && r.style().equals("Italian") && r.delivery()))
                .containsExactly("amore-mio", "cafe-italia");
    }

    @Test
    void vegetarianItalianThatDeliversIsAmoreMio() {
        assertThat(ids(search.search(null, "italian", "true", "true"))).containsExactly("amore-mio");
    }

    @Test
    void hitsCarryTheSearchFieldsOfTheRestaurant() {
        assertThat(search.search("port oren", null, null, null))
                .containsExactly(new RestaurantSummary("port-oren", "Port Oren", "Israeli", false, true));
    }

    private List<String> expected(Predicate<Restaurant> filter) {
        return catalog.restaurants().stream().filter(filter).map(Restaurant::id).toList();
    }

    private static List<String> ids(List<RestaurantSummary> hits) {
        return hits.stream().map(RestaurantSummary::id).toList();
    }
}
