package io.kafkarestaurants.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates event values against the JSON Schemas of config/schemas (the contract of the
 * Kafka topics). Schemas are loaded from that directory only: their
 * {@code https://kafka-restaurants.dev/schemas/} ids and {@code $ref}s are mapped onto
 * it, and any other http(s) schema is refused, so nothing is fetched from the network.
 */
public final class EventSchemas {

    /** The prefix of every schema's {@code $id}. */
    public static final String ID_PREFIX = "https://kafka-restaurants.dev/schemas/";

    private static final Map<String, String> FILES = Map.of("OrderPlaced", "order-placed.schema.json", "OrderPaid",
            "order-paid.schema.json", "OrderDeclined", "order-declined.schema.json", "OrderStatusChanged",
            "order-status-changed.schema.json", "RestaurantPopularity", "restaurant-popularity.schema.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private static volatile JsonSchemaFactory factory;

    private EventSchemas() {
    }

    /**
     * The config/schemas directory, from the module (tests run in routes/) or from the
     * repository root.
     */
    public static Path directory() {
        for (Path candidate : new Path[] { Path.of("..", "config", "schemas"), Path.of("config", "schemas") }) {
            if (Files.isRegularFile(candidate.resolve("order-details.schema.json"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("config/schemas not found from " + Path.of("").toAbsolutePath());
    }

    /**
     * What is wrong with {@code json} as an event of {@code eventType} (OrderPlaced,
     * OrderPaid, OrderDeclined, OrderStatusChanged or RestaurantPopularity); empty when
     * it is valid.
     */
    public static Set<String> violations(String eventType, String json) {
        return schema(eventType).validate(json, InputFormat.JSON)
            .stream()
            .map(ValidationMessage::getMessage)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * What is wrong with {@code json} as a value of the schema file {@code file} of
     * config/schemas (for a topic whose values are not events, e.g.
     * stage-memory.schema.json); empty when it is valid.
     */
    public static Set<String> fileViolations(String file, String json) {
        return schemaFile(file).validate(json, InputFormat.JSON)
            .stream()
            .map(ValidationMessage::getMessage)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Asserts that {@code json} is valid against the schema its own {@code eventType}
     * names.
     */
    public static void assertValid(String json) {
        String eventType = eventType(json);
        Set<String> violations = violations(eventType, json);
        if (!violations.isEmpty()) {
            throw new AssertionError(eventType + " violates " + FILES.get(eventType) + ":\n  "
                    + String.join("\n  ", violations) + "\nin " + json);
        }
    }

    private static String eventType(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + e.getOriginalMessage() + "\nin " + json, e);
        }
        JsonNode type = node == null ? null : node.get("eventType");
        if (type == null || !type.isTextual() || !FILES.containsKey(type.asText())) {
            throw new AssertionError(
                    "eventType must be one of " + new TreeSet<>(FILES.keySet()) + " but was " + type + "\nin " + json);
        }
        return type.asText();
    }

    private static JsonSchema schema(String eventType) {
        String file = FILES.get(eventType);
        if (file == null) {
            throw new IllegalArgumentException(
                    "No schema for eventType " + eventType + "; known: " + new TreeSet<>(FILES.keySet()));
        }
        return schemaFile(file);
    }

    private static JsonSchema schemaFile(String file) {
        return SCHEMAS.computeIfAbsent(file, name -> factory().getSchema(SchemaLocation.of(ID_PREFIX + name),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()));
    }

    private static JsonSchemaFactory factory() {
        if (factory == null) {
            synchronized (EventSchemas.class) {
                if (factory == null) {
                    String local = directory().toUri().toString();
                    factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, local))
                                .schemaLoaders(loaders -> loaders.add(iri -> load(iri, local))));
                }
            }
        }
        return factory;
    }

    /**
     * Local schema files; the validator's bundled meta-schemas (classpath) are left to
     * its own loaders.
     */
    private static InputStreamSource load(AbsoluteIri iri, String local) {
        String location = iri.toString();
        if (location.startsWith(local)) {
            return () -> Files.newInputStream(Path.of(URI.create(location)));
        }
        if (location.startsWith("http:") || location.startsWith("https:")) {
            return DisallowSchemaLoader.getInstance().getSchema(iri);
        }
        return null;
    }

}
