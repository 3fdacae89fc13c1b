package io.kafkarestaurants.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * An RFC 9457 problem, the body of every error answer of the REST API
 * ({@code application/problem+json}); built by {@link Problems}, which never echoes
 * request content. {@code errors} names the fields at fault and is left out when the
 * problem is not about fields.
 */
@Schema(description = "An RFC 9457 problem (application/problem+json)")
public record Problem(
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The kind of problem, a URI",
                example = "https://kafka-restaurants.dev/problems/invalid-order") String type,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Invalid order") String title,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The HTTP status", example = "400") int status,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                example = "The order was not accepted; see errors.") String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
                description = "The fields at fault, when the problem is about fields") List<FieldError> errors) {

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

}
