package io.kafkarestaurants.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.Orders;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    /**
     * Surefire runs in the module directory; the catalog lives in the repository's
     * config/.
     */
    static final Path CATALOG_FILE = Path.of("../config/restaurants.json");

    private final Catalog catalog = Catalog.load(CATALOG_FILE, Orders.mapper());

    @Test
    void loadsTheFifteenRestaurantsOfTheSeed() {
        assertThat(catalog.restaurants()).hasSize(15);
    }

    @Test
    void restaurantIdsAreUnique() {
        List<String> ids = catalog.restaurants().stream().map(Restaurant::id).toList();

        assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void everyRestaurantHasAMenuAndACurrency() {
        assertThat(catalog.restaurants()).allSatisfy(restaurant -> {
            assertThat(restaurant.menu()).isNotEmpty();
            assertThat(restaurant.currency()).matches("[A-Z]{3}");
        });
    }

    @Test
    void keepsTheOrderOfTheFile() {
        assertThat(catalog.restaurants().get(0).id()).isEqualTo("hummus-sababa");
        assertThat(catalog.restaurants().get(14).id()).isEqualTo("nam");
    }

    @Test
    void readsPricesAsDecimals() {
        MenuItem margherita = catalog.require("amore-mio").item("margherita").orElseThrow();

        assertThat(margherita.price()).isEqualByComparingTo(new BigDecimal("9.50"));
        assertThat(margherita.name()).isEqualTo("Margherita");
        assertThat(margherita.vegetarian()).isTrue();
    }

    @Test
    void findsARestaurantById() {
        Restaurant restaurant = catalog.require("cafe-italia");

        assertThat(restaurant.name()).isEqualTo("Cafe Italia");
        assertThat(restaurant.style()).isEqualTo("Italian");
        assertThat(restaurant.delivery()).isTrue();
        assertThat(restaurant.currency()).isEqualTo("USD");
        assertThat(catalog.restaurant("cafe-italia")).contains(restaurant);
    }

    @Test
    void requireOfAnUnknownIdThrowsRestaurantNotFound() {
        assertThatThrownBy(() -> catalog.require("no-such-place")).isInstanceOf(RestaurantNotFoundException.class)
            .hasMessageContaining("no-such-place");
    }

    @Test
    void requireOfANullIdThrowsRestaurantNotFound() {
        assertThatThrownBy(() -> catalog.require(null)).isInstanceOf(RestaurantNotFoundException.class);
    }

    @Test
    void unknownIdIsAnEmptyLookup() {
        assertThat(catalog.restaurant("no-such-place")).isEmpty();
        assertThat(catalog.restaurant(null)).isEmpty();
    }

    @Test
    void unknownMenuItemIsAnEmptyLookup() {
        assertThat(catalog.require("amore-mio").item("no-such-dish")).isEmpty();
    }

    @Test
    void duplicateRestaurantIdIsRejected() {
        assertThatThrownBy(() -> Catalog.of(List.of(Orders.trattoria(), Orders.trattoria())))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(Orders.TRATTORIA);
    }

    @Test
    void unreadableFileFailsNamingTheProperty() {
        assertThatThrownBy(() -> Catalog.load(Path.of("no/such/catalog.json"), Orders.mapper()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("restaurants.catalog-path");
    }

    @Test
    void restaurantsCannotBeChangedByCallers() {
        assertThatThrownBy(() -> catalog.restaurants().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summaryCarriesTheSearchFields() {
        RestaurantSummary summary = catalog.require("sabich").summary(3);

        assertThat(summary).isEqualTo(new RestaurantSummary("sabich", "Sabich", "Israeli", true, true, 3));
    }

}
