package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

        Map<String, Object> problem = problems.invalidOrder(new InvalidOrderException(errors));

        assertThat(problem).containsEntry("type", BASE + "invalid-order")
            .containsEntry("title", "Invalid order")
            .containsEntry("status", 400)
            .containsEntry("errors", errors)
            .containsKey("detail");
    }

    @Test
    void tooLargeIsA413NamingTheLimit() {
        Map<String, Object> problem = problems.tooLarge(new PayloadTooLargeException(65536));

        assertThat(problem).containsEntry("type", BASE + "payload-too-large").containsEntry("status", 413);
        assertThat((String) problem.get("detail")).contains("65536");
    }

    @Test
    void conflictIsA409() {
        Map<String, Object> problem = problems.conflict(new IdempotencyConflictException("reused key"));

        assertThat(problem).containsEntry("type", BASE + "idempotency-conflict")
            .containsEntry("title", "Idempotency-Key conflict")
            .containsEntry("status", 409)
            .containsEntry("detail", "reused key");
    }

    @Test
    void unknownRestaurantIsA404() {
        Map<String, Object> problem = problems.notFound(new RestaurantNotFoundException("nowhere"));

        assertThat(problem).containsEntry("type", BASE + "not-found")
            .containsEntry("title", "Not found")
            .containsEntry("status", 404);
        assertThat(problem).containsEntry("detail", "No restaurant with this id");
        assertThat((String) problem.get("detail")).doesNotContain("nowhere");
    }

    @Test
    void unknownOrderIsA404() {
        Map<String, Object> problem = problems.notFound(new OrderNotFoundException("o-1"));

        assertThat(problem).containsEntry("status", 404);
        assertThat(problem).containsEntry("detail", "No order with this id");
    }

    @Test
    void unavailableBeforeTheOrderWasSentIsA503SayingNothingWasPlaced() {
        assertThat(problems.unavailable(null, "key-1")).containsEntry("type", BASE + "unavailable")
            .containsEntry("status", 503);
        assertThat((String) problems.unavailable(false, null).get("detail")).contains("nothing was placed");
    }

    @Test
    void unavailableOnceTheOrderWasSentSaysItMayBePlacedAndToRetryWithTheSameKey() {
        Map<String, Object> problem = problems.unavailable(true, "key-1");

        assertThat(problem).containsEntry("type", BASE + "unavailable").containsEntry("status", 503);
        assertThat((String) problem.get("detail")).contains("may have been placed", "same Idempotency-Key")
            .doesNotContain("nothing was placed", "key-1");
    }

    @Test
    void unavailableOnceAnOrderWithoutAKeyWasSentSaysItMayBePlacedAndToSendAKey() {
        assertThat((String) problems.unavailable(true, null).get("detail")).contains("may have been placed",
                "without an Idempotency-Key", "second time");
    }

    @Test
    void unsupportedMediaTypeIsA415() {
        assertThat(problems.unsupportedMediaType()).containsEntry("type", BASE + "unsupported-media-type")
            .containsEntry("status", 415);
    }

    @Test
    void internalErrorIsA500() {
        assertThat(problems.internal()).containsEntry("type", BASE + "internal")
            .containsEntry("title", "Internal error")
            .containsEntry("status", 500);
    }

    @Test
    void failureWrappedByTheBeanCallIsUnwrapped() {
        InvalidOrderException invalid = new InvalidOrderException(List.of(new FieldError("email", "is required")));
        Throwable wrapped = new RuntimeException("bean invocation failed", new IllegalStateException(invalid));

        assertThat(problems.invalidOrder(wrapped)).containsEntry("errors", invalid.errors());
        assertThat(problems.conflict(new RuntimeException(new IdempotencyConflictException("reused"))))
            .containsEntry("detail", "reused");
        assertThat(problems.notFound(new RuntimeException(new OrderNotFoundException("o-2")))).containsEntry("status",
                404);
        assertThat(problems.tooLarge(new RuntimeException(new PayloadTooLargeException(10)))).containsEntry("status",
                413);
    }

    @Test
    void failureOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> problems.invalidOrder(new IllegalStateException("boom")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("InvalidOrderException");
    }

    @Test
    void everyProblemHasTheFourStandardFieldsInOrder() {
        assertThat(problems.internal().keySet()).containsExactly("type", "title", "status", "detail");
        assertThat(problems.invalidOrder(new InvalidOrderException(List.of())).keySet()).containsExactly("type",
                "title", "status", "detail", "errors");
    }

}
