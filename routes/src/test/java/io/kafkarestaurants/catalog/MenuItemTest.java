package io.kafkarestaurants.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.Orders;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MenuItemTest {

    private final ObjectMapper mapper = Orders.mapper();

    @Test
    void priceSerializesAsADecimalString() throws Exception {
        MenuItem item = new MenuItem("masabacha", "Masabacha", "Warm chickpeas", new BigDecimal("9.50"), true);

        JsonNode json = mapper.valueToTree(item);

        assertThat(json.get("price").isTextual()).isTrue();
        assertThat(json.get("price").asText()).isEqualTo("9.50");
        assertThat(mapper.writeValueAsString(item)).contains("\"price\":\"9.50\"");
    }

    @Test
    void priceReadFromTheCatalogKeepsItsTwoDecimals() throws Exception {
        Catalog catalog = Catalog.load(CatalogTest.CATALOG_FILE, mapper);
        MenuItem hummus = catalog.require("hummus-sababa").item("hummus-tahini").orElseThrow();

        assertThat(mapper.writeValueAsString(hummus)).contains("\"price\":\"8.50\"");
    }

    @Test
    void priceStringReadsBackToTheSameAmount() throws Exception {
        MenuItem read = mapper.readValue("""
                {"id":"x","name":"X","description":"d","price":"4.95","vegetarian":false}
                """, MenuItem.class);

        assertThat(read.price()).isEqualTo(new BigDecimal("4.95"));
    }

}
