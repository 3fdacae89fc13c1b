package io.kafkarestaurants.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.status.DrivenOrderView;
import io.kafkarestaurants.support.ClosedPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The catalog through the real REST endpoints of the api role (platform-http on a random
 * port), with the repo's catalog: search by each of the seed's parameters, one
 * restaurant's menu, a 404 problem, no request header echoed, and the OpenAPI document.
 * The order view runs under Kafka Streams' test driver, without a broker.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "restaurants.roles=api",
        // The orderViewSource bean is replaced by @TestBean (Spring Boot forbids
        // replacing a bean unless told).
        "spring.main.allow-bean-definition-overriding=true", "spring.kafka.admin.auto-create=false" })
@ActiveProfiles("test")
@DirtiesContext
class CatalogRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    /**
     * The order view without a broker: its real topology under Kafka Streams' test
     * driver.
     */
    @TestBean(name = "orderViewSource", methodName = DrivenOrderView.FACTORY)
    DrivenOrderView orderView;

    @DynamicPropertySource
    static void noKafka(DynamicPropertyRegistry registry) {
        ClosedPorts.noKafka(registry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "                                                       | hummus-sababa pizza-makpiza china-town china-city shawarma sabich ima peking-duck-house amore-mio port-oren the-chinese-wall long-sang la-shuk cafe-italia nam",
            "restaurant_name=CHINA                                  | china-town china-city",
            "restaurant_name=%20wall%20                             | the-chinese-wall",
            "restaurant_style=italian                               | pizza-makpiza amore-mio cafe-italia",
            "vegetarian=true                                        | china-city sabich ima peking-duck-house amore-mio la-shuk",
            "vegetarian=false                                       | hummus-sababa pizza-makpiza china-town china-city shawarma sabich ima peking-duck-house amore-mio port-oren the-chinese-wall long-sang la-shuk cafe-italia nam",
            "delivery=true                                          | china-city sabich peking-duck-house amore-mio port-oren la-shuk cafe-italia",
            "restaurant_style=Israeli&vegetarian=true&delivery=true | sabich la-shuk",
            "restaurant_name=ch&restaurant_style=chinese&delivery=1 | china-city",
            "restaurant_style=French                                |" })
    void searchFiltersBySeedParameters(String query, String expectedIds) throws Exception {
        HttpResponse<String> answer = get("/search" + (query == null ? "" : "?" + query));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode hits = JSON.readTree(answer.body());
        assertThat(hits.isArray()).isTrue();
        List<String> ids = StreamSupport.stream(hits.spliterator(), false).map(hit -> hit.get("id").asText()).toList();
        assertThat(ids).containsExactly(expectedIds == null ? new String[0] : expectedIds.trim().split(" +"));
    }

    @Test
    void searchHitsCarryTheSeedsFields() throws Exception {
        JsonNode hit = JSON.readTree(get("/search?restaurant_name=amore").body()).get(0);

        assertThat(hit.get("id").asText()).isEqualTo("amore-mio");
        assertThat(hit.get("name").asText()).isEqualTo("Amore Mio");
        assertThat(hit.get("style").asText()).isEqualTo("Italian");
        assertThat(hit.get("vegetarian").asBoolean()).isTrue();
        assertThat(hit.get("delivery").asBoolean()).isTrue();
        assertThat(hit.get("recentOrders").isInt()).as("recent orders, 0 without any").isTrue();
        assertThat(hit.has("menu")).as("a search hit is a summary").isFalse();
    }

    @Test
    void sortPopularIsAcceptedWithTheSeedsParameters() throws Exception {
        HttpResponse<String> answer = get("/search?restaurant_style=italian&sort=popular");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> names = StreamSupport.stream(JSON.readTree(answer.body()).spliterator(), false)
            .map(hit -> hit.get("name").asText())
            .toList();
        assertThat(names).as("no recent orders anywhere: ties, by name")
            .containsExactly("Amore Mio", "Cafe Italia", "pizza Makpiza");
    }

    @Test
    void unknownSortIsA400ProblemNamingSort() throws Exception {
        HttpResponse<String> answer = get("/search?sort=rating");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asText()).endsWith("/invalid-search");
        assertThat(problem.path("errors").get(0).get("field").asText()).isEqualTo("sort");
        assertThat(answer.body()).doesNotContain("rating");
    }

    @Test
    void restaurantAnswersItsMenuWithStringPrices() throws Exception {
        HttpResponse<String> answer = get("/restaurants/amore-mio");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode restaurant = JSON.readTree(answer.body());
        assertThat(restaurant.get("name").asText()).isEqualTo("Amore Mio");
        assertThat(restaurant.get("currency").asText()).isEqualTo("EUR");
        JsonNode menu = restaurant.get("menu");
        assertThat(menu).hasSize(6);
        JsonNode margherita = menu.get(0);
        assertThat(margherita.get("id").asText()).isEqualTo("margherita");
        assertThat(margherita.get("price").isTextual()).as("prices are decimal strings").isTrue();
        assertThat(margherita.get("price").asText()).isEqualTo("9.50");
        assertThat(menu.findValues("price")).allMatch(JsonNode::isTextual);
    }

    @Test
    void unknownRestaurantIsA404Problem() throws Exception {
        HttpResponse<String> answer = get("/restaurants/nope");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("title").asText()).isEqualTo("Not found");
        assertThat(problem.get("type").asText()).endsWith("/not-found");
    }

    @ParameterizedTest
    @CsvSource({ "/search?restaurant_style=italian", "/restaurants/amore-mio?restaurant_style=italian",
            "/restaurants/nope?restaurant_style=italian" })
    void answersNeverEchoRequestHeadersOrParameters(String path) throws Exception {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(uri(path)).header("X-Leak", "1").header("Idempotency-Key", "leak-key").GET());

        assertThat(answer.statusCode()).isIn(200, 404);
        assertThat(answer.headers().map().keySet()).map(String::toLowerCase)
            .doesNotContain("x-leak", "idempotency-key", "restaurant_style", "id", "user-agent", "host", "camelhttpuri",
                    "camelhttppath", "camelhttpquery");
    }

    @Test
    void openApiDocumentNamesTheOrdersPath() throws Exception {
        HttpResponse<String> answer = get("/openapi.json");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("json");
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.path("info").path("title").asText()).isEqualTo("Kafka Restaurants API");
        assertThat(document.path("paths").has("/orders")).isTrue();
        assertThat(document.path("paths").has("/orders/{id}")).isTrue();
        assertThat(document.path("paths").has("/search")).isTrue();
        assertThat(document.path("paths").path("/orders").has("post")).isTrue();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
