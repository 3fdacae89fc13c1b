package io.kafkarestaurants.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.RestaurantsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@io.kafkarestaurants.OnRole("api")
class CatalogConfiguration {

    @Bean
    Catalog catalog(RestaurantsProperties properties, ObjectMapper mapper) {
        return Catalog.load(java.nio.file.Path.of(properties.catalogPath()), mapper);
    }

    @Bean
    CatalogSearch catalogSearch(Catalog catalog, RecentOrders recentOrders) {
        return new CatalogSearch(catalog, recentOrders);
    }

}
