package io.kafkarestaurants.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document as the api serves it, and the check of a real answer against it:
 * the status must be declared for the operation, the content type declared for that
 * status, and the body valid against that content's schema. Read strictly: every object
 * schema that lists its properties is taken as closed (additionalProperties false), so a
 * field an answer adds or renames without the document is a violation, as is a required
 * field it drops.
 */
final class ServedContract {

    private static final String BASE = "https://contract.kafka-restaurants.test/openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwaggerParseResult parsed;

    private final JsonNode document;

    private final JsonSchemaFactory schemas;

    private final Set<String> checked = new TreeSet<>();

    ServedContract(String served) throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        this.parsed = new OpenAPIV3Parser().readContents(served, null, options);
        this.document = JSON.readTree(served);
        JsonNode strict = document.deepCopy();
        close(strict);
        String text = JSON.writeValueAsString(strict);
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
    }

    /** What the OpenAPI parser found wrong with the document: none. */
    List<String> parserMessages() {
        return parsed.getMessages() == null ? List.of() : parsed.getMessages();
    }

    String openApiVersion() {
        return parsed.getOpenAPI().getOpenapi();
    }

    /** Each operation of the document as {@code METHOD path}. */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        return operations;
    }

    /** Each answer checked so far, as {@code METHOD path status}. */
    Set<String> checked() {
        return checked;
    }

    /**
     * What is wrong with this answer of {@code method path} (a path of the document, such
     * as {@code /orders/{id}}) by the document; empty when it keeps to it. For
     * {@code text/event-stream}, {@code body} is the first event.
     */
    List<String> violations(String method, String path, int status, String contentType, String body) {
        String at = method + " " + path + " " + status;
        checked.add(at);
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            return List.of(at + ": no such operation in the document");
        }
        JsonNode responses = operation.path("responses");
        String code = Integer.toString(status);
        if (!responses.has(code)) {
            return List.of(at + ": status not declared (declared: " + names(responses) + ")");
        }
        JsonNode content = responses.path(code).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(at + ": a body where the document declares none: " + body);
        }
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            return List.of(at + ": content type " + contentType + " not declared (declared: " + names(content) + ")");
        }
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + code
                + "/content/" + escape(media) + "/schema";
        try {
            return "text/event-stream".equals(media) ? eventViolations(at, pointer, body)
                    : validate(at, pointer, JSON.readTree(body));
        }
        catch (IOException e) {
            return List.of(at + ": not JSON: " + body);
        }
    }

    /**
     * The first event as an object of its fields ({@code event}, {@code data}), and its
     * data, JSON, against the schema its contentSchema names.
     */
    private List<String> eventViolations(String at, String pointer, String event) throws IOException {
        ObjectNode fields = JSON.createObjectNode();
        for (String line : event.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String value = line.substring(colon + 1);
                fields.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        List<String> violations = new ArrayList<>(validate(at, pointer, fields));
        if (fields.has("data")) {
            violations.addAll(validate(at + " data", pointer + "/properties/data/contentSchema",
                    JSON.readTree(fields.get("data").asText())));
        }
        return violations;
    }

    private List<String> validate(String at, String pointer, JsonNode value) throws IOException {
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(JSON.writeValueAsString(value), InputFormat.JSON)) {
            violations.add(at + ": " + message.getMessage());
        }
        if (!violations.isEmpty()) {
            String answer = value.toString();
            violations.add(at + " answered " + (answer.length() > 400 ? answer.substring(0, 400) + " ..." : answer));
        }
        return violations;
    }

    /**
     * Every object schema that lists its properties admits no others (unless it says what
     * others may be).
     */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && object.path("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("$ref")) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(ServedContract::close);
        }
        else if (node.isArray()) {
            node.elements().forEachRemaining(ServedContract::close);
        }
    }

    private static String names(JsonNode object) {
        List<String> names = new ArrayList<>();
        Iterator<String> fields = object.fieldNames();
        fields.forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

}
