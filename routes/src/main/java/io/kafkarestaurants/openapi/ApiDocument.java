package io.kafkarestaurants.openapi;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.openapi.OpenApiRestApiProcessorFactory;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Serves {@code /openapi.json} (camel.rest.api-context-path): the document
 * camel-openapi-java generates from the REST DSL, whose operations name the records their
 * bodies are made of (type, outType, each responseMessage's responseModel), completed
 * with what that generator leaves out, so that every body the API answers is described:
 * <ul>
 * <li>a responseMessage's {@code contentType}: Camel 4.18 files every response under the
 * operation's {@code produces}, and problems are {@code application/problem+json};
 * <li>the answers any operation can give besides its own: 503 with Retry-After while this
 * replica is not ready ({@code ReadinessGate}), 500 when a request fails unexpectedly
 * ({@code rest-errors});
 * <li>{@code GET /orders/{id}/events}, the live status stream: a Spring MVC endpoint
 * ({@code OrderEventsController}) outside the REST DSL. Its events carry the
 * {@code OrderView} that {@code GET /orders/{id}} answers.
 * </ul>
 */
final class ApiDocument implements RestApiProcessorFactory {

    static final String PROBLEM_JSON = "application/problem+json";

    static final String EVENTS_PATH = "/orders/{id}/events";

    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public Processor createApiProcessor(CamelContext camelContext, String contextPath, RestConfiguration configuration,
            Map<String, Object> parameters) throws Exception {
        Processor generated = new OpenApiRestApiProcessorFactory().createApiProcessor(camelContext, contextPath,
                configuration, parameters);
        return new Completing(camelContext, generated);
    }

    /** The generated document (JSON, OpenAPI 3.1) with what the generator left out. */
    static byte[] complete(byte[] document, List<RestDefinition> rests) throws IOException {
        OpenAPI api = Json31.mapper().readValue(document, OpenAPI.class);
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                Operation operation = operation(api, verb);
                if (operation != null) {
                    responseContentTypes(operation, verb);
                }
            }
        }
        api.getComponents().getSchemas().values().forEach(ApiDocument::nullableReferences);
        api.getPaths().addPathItem(EVENTS_PATH, new PathItem().get(events()));
        api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocument::everyOperationsAnswers));
        return Json31.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(api);
    }

    private static Operation operation(OpenAPI api, VerbDefinition verb) {
        PathItem path = api.getPaths().get(verb.getPath());
        if (path == null) {
            return null;
        }
        return path.readOperationsMap().get(PathItem.HttpMethod.valueOf(verb.asVerb().toUpperCase()));
    }

    /**
     * Each response whose responseMessage names a contentType is filed under it alone.
     */
    private static void responseContentTypes(Operation operation, VerbDefinition verb) {
        for (ResponseMessageDefinition message : verb.getResponseMsgs()) {
            ApiResponse response = operation.getResponses().get(message.getCode());
            if (message.getContentType() == null || response == null || response.getContent() == null
                    || response.getContent().isEmpty()) {
                continue;
            }
            MediaType media = response.getContent().values().iterator().next();
            response.setContent(new Content().addMediaType(message.getContentType(), media));
        }
    }

    /**
     * A property that may be null and otherwise is a record: swagger-core writes
     * {@code @Schema(types = {"object", "null"})} beside the record's {@code $ref}, which
     * JSON Schema reads as both at once (and null is no object); it is either.
     */
    private static void nullableReferences(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().replaceAll((name, property) -> {
            if (property.get$ref() == null || property.getTypes() == null || !property.getTypes().contains("null")) {
                return property;
            }
            return new JsonSchema().description(property.getDescription())
                .anyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
        });
    }

    /**
     * 503 while this replica is starting or stopping (nothing was done; Retry-After), 500
     * when a request fails in a way the API does not expect.
     */
    private static void everyOperationsAnswers(Operation operation) {
        ApiResponses responses = operation.getResponses();
        ApiResponse unavailable = responses.get("503");
        String notReady = "This replica is starting or stopping; nothing was done";
        if (unavailable == null) {
            responses.addApiResponse("503", problem(notReady));
        }
        else {
            unavailable.setDescription(unavailable.getDescription() + "; or: " + notReady);
        }
        responses.get("503")
            .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                .schema(new JsonSchema().types(Set.of("integer"))));
        if (!responses.containsKey("500")) {
            responses.addApiResponse("500", problem("The request failed unexpectedly; nothing was placed"));
        }
    }

    /**
     * {@code GET /orders/{id}/events}: one event {@code status} with the order's current
     * state at once, then one for each change, until a terminal state; 404 when the order
     * is unknown.
     */
    private static Operation events() {
        Schema<Object> name = new JsonSchema().types(Set.of("string"));
        name.addEnumItemObject("status");
        Schema<?> event = new JsonSchema().types(Set.of("object"))
            .description("One server-sent event: its name (the event: field) and its data, the order's status as "
                    + "GET /orders/{id} answers it")
            .addProperty("event", name)
            .addProperty("data",
                    new JsonSchema().types(Set.of("string"))
                        .contentMediaType("application/json")
                        .contentSchema(new JsonSchema().$ref(SCHEMAS + "OrderView")))
            .required(List.of("event", "data"));
        return new Operation().operationId("order-events")
            .summary("The order's status as server-sent events: the current state at once, then each change; the "
                    + "stream ends after a terminal state (for a decline, once its mail is sent)")
            .addParametersItem(new Parameter().in("path")
                .name("id")
                .required(true)
                .description("The orderId returned when the order was placed")
                .schema(new JsonSchema().types(Set.of("string"))))
            .responses(
                    new ApiResponses()
                        .addApiResponse("200",
                                new ApiResponse().description("The stream of status events")
                                    .content(new Content().addMediaType("text/event-stream",
                                            new MediaType().schema(event))))
                        .addApiResponse("404", problem("No order with this id (or not yet known to this replica)")));
    }

    /**
     * Camel's processor, started and stopped with the route, whose document is completed
     * before it is answered.
     */
    private static final class Completing extends ServiceSupport implements Processor {

        private final CamelContext camelContext;

        private final Processor generated;

        Completing(CamelContext camelContext, Processor generated) {
            this.camelContext = camelContext;
            this.generated = generated;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            generated.process(exchange);
            byte[] document = exchange.getMessage().getBody(byte[].class);
            if (document == null || document.length == 0) {
                return;
            }
            byte[] completed = complete(document, new RestOpenApiSupport().getRestDefinitions(camelContext));
            exchange.getMessage().setBody(completed);
            exchange.getMessage().setHeader(Exchange.CONTENT_LENGTH, completed.length);
        }

        @Override
        protected void doStart() {
            ServiceHelper.startService(generated);
        }

        @Override
        protected void doStop() {
            ServiceHelper.stopService(generated);
        }

    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
            .content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new JsonSchema().$ref(SCHEMAS + "Problem"))));
    }

}
