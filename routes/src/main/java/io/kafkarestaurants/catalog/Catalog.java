package io.kafkarestaurants.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The restaurant "database": the catalog file read once at start-up (a ConfigMap in
 * Kubernetes, as in the seed).
 */
public final class Catalog {

    private final Map<String, Restaurant> restaurants;

    private final List<Restaurant> ordered;

    private Catalog(List<Restaurant> restaurants) {
        Map<String, Restaurant> byId = new LinkedHashMap<>();
        for (Restaurant restaurant : restaurants) {
            if (byId.put(restaurant.id(), restaurant) != null) {
                throw new IllegalStateException("Duplicate restaurant id in catalog: " + restaurant.id());
            }
        }
        this.restaurants = Map.copyOf(byId);
        this.ordered = List.copyOf(byId.values());
    }

    public static Catalog of(List<Restaurant> restaurants) {
        return new Catalog(restaurants);
    }

    public static Catalog load(Path file, ObjectMapper mapper) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "restaurants.catalog-path points to " + file.toAbsolutePath() + ", which cannot be read");
        }
        try {
            CatalogFile parsed = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .readValue(file.toFile(), CatalogFile.class);
            return new Catalog(parsed.restaurants());
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the catalog " + file.toAbsolutePath(), e);
        }
    }

    public List<Restaurant> restaurants() {
        return ordered;
    }

    public Optional<Restaurant> restaurant(String id) {
        return Optional.ofNullable(id).map(restaurants::get);
    }

    /** The restaurant with this id, or {@link RestaurantNotFoundException}. */
    public Restaurant require(String id) {
        return restaurant(id).orElseThrow(() -> new RestaurantNotFoundException(id));
    }

    /**
     * The file's other top-level keys (such as its currency note) are documentation,
     * ignored here.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CatalogFile(List<Restaurant> restaurants) {
    }

}
