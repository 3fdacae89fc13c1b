package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkarestaurants.catalog.RestaurantNotFoundException;
import io.kafkarestaurants.status.OrderNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    /** The base URL of the problem types as clients see it (and match on). */
    private static final String BASE = "https://kafka-restaurants.dev/problems/";

    private final Problems problems = new Problems();

    @Test
    void problemTypesLiveUnderTheirBase() {
        assertThat(Problems.BASE).isEqualTo(BASE);
    }

    /**
     * The site's nginx answers a few problems itself (no such API path, method, body too
     * large, too many requests, API unreachable) as fixed JSON: it cannot read
     * {@link Problems#BASE}, so its copy is held to it here.
     */
    @Test
    void siteEdgeProblemsUseTheSameBase() throws IOException {
        String template = Files.readString(Path.of("../restaurants-frontend/nginx/default.conf.template"));

        List<String> types = Pattern.compile("\"type\":\"([^\"]+)\"")
            .matcher(template)
            .results()
            .map(match -> match.group(1))
            .toList();

        assertThat(types).isNotEmpty().allSatisfy(type -> assertThat(type).startsWith(Problems.BASE));
    }

    @Test
    void invalidOrderIsA400ListingTheErrors() {
        List<FieldError> errors = List.of(new FieldError("email", "is required"),
                new FieldError("items[0].quantity", "must be between 1 and 20"));

        Problem problem = problems.invalidOrder(new InvalidOrderException(errors));

        assertThat(problem.type()).isEqualTo(BASE + "invalid-order");
        assertThat(problem.title()).isEqualTo("Invalid order");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).isEqualTo(errors);
        assertThat(problem.detail()).isNotBlank();
    }

    @Test
    void tooLargeIsA413NamingTheLimit() {
        Problem problem = problems.tooLarge(new PayloadTooLargeException(65536));

        assertThat(problem.type()).isEqualTo(BASE + "payload-too-large");
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.detail()).contains("65536");
    }

    @Test
    void conflictIsA409() {
        Problem problem = problems.conflict(new IdempotencyConflictException("reused key"));

        assertThat(problem)
            .isEqualTo(new Problem(BASE + "idempotency-conflict", "Idempotency-Key conflict", 409, "reused key", null));
    }

    @Test
    void unknownRestaurantIsA404() {
        Problem problem = problems.notFound(new RestaurantNotFoundException("nowhere"));

        assertThat(problem)
            .isEqualTo(new Problem(BASE + "not-found", "Not found", 404, "No restaurant with this id", null));
    }

    @Test
    void unknownOrderIsA404() {
        Problem problem = problems.notFound(new OrderNotFoundException("o-1"));

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.detail()).isEqualTo("No order with this id");
    }

    @Test
    void unavailableBeforeTheOrderWasSentIsA503SayingNothingWasPlaced() {
        assertThat(problems.unavailable(null, "key-1").type()).isEqualTo(BASE + "unavailable");
        assertThat(problems.unavailable(null, "key-1").status()).isEqualTo(503);
        assertThat(problems.unavailable(false, null).detail()).contains("nothing was placed");
    }

    @Test
    void unavailableOnceTheOrderWasSentSaysItMayBePlacedAndToRetryWithTheSameKey() {
        Problem problem = problems.unavailable(true, "key-1");

        assertThat(problem.type()).isEqualTo(BASE + "unavailable");
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.detail()).contains("may have been placed", "same Idempotency-Key")
            .doesNotContain("nothing was placed", "key-1");
    }

    @Test
    void unavailableOnceAnOrderWithoutAKeyWasSentSaysItMayBePlacedAndToSendAKey() {
        assertThat(problems.unavailable(true, null).detail()).contains("may have been placed",
                "without an Idempotency-Key", "second time");
    }

    @Test
    void unsupportedMediaTypeIsA415() {
        assertThat(problems.unsupportedMediaType().type()).isEqualTo(BASE + "unsupported-media-type");
        assertThat(problems.unsupportedMediaType().status()).isEqualTo(415);
    }

    @Test
    void internalErrorIsA500() {
        assertThat(problems.internal().type()).isEqualTo(BASE + "internal");
        assertThat(problems.internal().title()).isEqualTo("Internal error");
        assertThat(problems.internal().status()).isEqualTo(500);
    }

    @Test
    void failureWrappedByTheBeanCallIsUnwrapped() {
        InvalidOrderException invalid = new InvalidOrderException(List.of(new FieldError("email", "is required")));
        Throwable wrapped = new RuntimeException("bean invocation failed", new IllegalStateException(invalid));

        assertThat(problems.invalidOrder(wrapped).errors()).isEqualTo(invalid.errors());
        assertThat(problems.conflict(new RuntimeException(new IdempotencyConflictException("reused"))).detail())
            .isEqualTo("reused");
        assertThat(problems.notFound(new RuntimeException(new OrderNotFoundException("o-2"))).status()).isEqualTo(404);
        assertThat(problems.tooLarge(new RuntimeException(new PayloadTooLargeException(10))).status()).isEqualTo(413);
    }

    @Test
    void failureOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> problems.invalidOrder(new IllegalStateException("boom")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("InvalidOrderException");
    }

    @Test
    void everyProblemHasTheFourStandardFieldsInOrderAndErrorsOnlyWhenAboutFields() throws Exception {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

        assertThat(json.writeValueAsString(problems.internal())).isEqualTo("{\"type\":\"" + BASE
                + "internal\",\"title\":\"Internal error\",\"status\":500,\"detail\":\"The request failed; nothing was placed.\"}");
        assertThat(json.readTree(json.writeValueAsString(problems.invalidOrder(new InvalidOrderException(List.of()))))
            .properties()).extracting(Map.Entry::getKey).containsExactly("type", "title", "status", "detail", "errors");
    }

}
