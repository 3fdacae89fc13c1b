package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fabric8 and Strimzi models accept any field: a misspelt one lands in the object's
 * additionalProperties instead of failing. This walks a parsed object and names every
 * such field, and every field that the model marks deprecated (for Strimzi: fields of
 * older API versions that kafka.strimzi.io/v1 removed), with its path.
 */
final class UnknownFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UnknownFields() {
    }

    /**
     * Parses a document into the model class, then lists what the model did not
     * recognise.
     */
    static <T> T parse(JsonNode document, Class<T> type, List<String> problems) {
        T parsed = MAPPER.convertValue(document, type);
        String name = document.path("kind").asText() + "/" + document.path("metadata").path("name").asText();
        problems.addAll(find(parsed, name));
        return parsed;
    }

    static List<String> find(Object model, String name) {
        List<String> problems = new ArrayList<>();
        walk(model, name, problems);
        return problems;
    }

    private static void walk(Object value, String path, List<String> problems) {
        if (value == null || value instanceof Enum<?> || value instanceof CharSequence || value instanceof Number
                || value instanceof Boolean) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", problems);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        BeanDescription description = MAPPER.getSerializationConfig()
            .introspect(MAPPER.constructType(value.getClass()));
        AnnotatedMember anyGetter = description.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
            problems.add(path + ": unknown field(s) " + extra.keySet());
        }
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor == null) {
                continue;
            }
            Object item = accessor.getValue(value);
            if (isSet(item) && deprecated(property)) {
                problems.add(path + "." + property.getName() + ": deprecated field (not in the current API version)");
            }
            walk(item, path + "." + property.getName(), problems);
        }
    }

    private static boolean deprecated(BeanPropertyDefinition property) {
        return (property.getGetter() != null && property.getGetter().hasAnnotation(Deprecated.class))
                || (property.getField() != null && property.getField().hasAnnotation(Deprecated.class));
    }

    private static boolean isSet(Object value) {
        return value != null && !Boolean.FALSE.equals(value)
                && !(value instanceof Number number && number.doubleValue() == 0)
                && !(value instanceof Collection<?> items && items.isEmpty())
                && !(value instanceof Map<?, ?> map && map.isEmpty());
    }

}
