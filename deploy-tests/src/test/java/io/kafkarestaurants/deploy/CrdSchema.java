package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CustomResourceDefinition kept as test data (src/test/resources/crds), for the custom
 * resources that no Java model on this machine knows. A rendered object is held to the
 * openAPIV3Schema of its apiVersion twice: validated with networknt's OpenAPI 3.0 dialect
 * (types, required fields, enums, minimums), and walked for fields the schema does not
 * declare, which the API server would otherwise drop without a word (its schemas are
 * structural and rarely say additionalProperties: false). Its metadata is parsed into the
 * Kubernetes model and walked like any other object's. The schemas' CEL rules
 * (x-kubernetes-validations) are not evaluated: the tests state them.
 */
final class CrdSchema {

    /**
     * KEDA's ScaledObject and TriggerAuthentication (keda.sh/v1alpha1), as of the release
     * the resources name.
     */
    static final Map<String, CrdSchema> KEDA = Map.of("ScaledObject", load("crds/keda/keda.sh_scaledobjects.yaml"),
            "TriggerAuthentication", load("crds/keda/keda.sh_triggerauthentications.yaml"));

    /**
     * The Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1), as of the
     * release the chart's docs name.
     */
    static final Map<String, CrdSchema> PROMETHEUS_OPERATOR = Map.of("ServiceMonitor",
            load("crds/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml"));

    /**
     * The vendor keywords of Kubernetes schemas: they guide the API server and validate
     * nothing here.
     */
    private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-int-or-string",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-validations");

    private static final JsonMetaSchema DIALECT = kubernetesDialect();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));

    final String kind;

    /** apiVersion (group/version) -> its openAPIV3Schema. */
    private final Map<String, JsonNode> schemas;

    private CrdSchema(String kind, Map<String, JsonNode> schemas) {
        this.kind = kind;
        this.schemas = schemas;
    }

    static CrdSchema load(String resource) {
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No test resource " + resource);
            }
            JsonNode crd = DeployFiles.YAML.readTree(in);
            String group = crd.at("/spec/group").asText();
            Map<String, JsonNode> schemas = new TreeMap<>();
            for (JsonNode version : crd.at("/spec/versions")) {
                if (version.path("served").asBoolean()) {
                    schemas.put(group + "/" + version.path("name").asText(), version.at("/schema/openAPIV3Schema"));
                }
            }
            return new CrdSchema(crd.at("/spec/names/kind").asText(), Map.copyOf(schemas));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with a document of this kind: schema violations and undeclared
     * fields, each with its path.
     */
    List<String> problems(JsonNode document) {
        String name = kind + "/" + document.at("/metadata/name").asText();
        List<String> problems = new ArrayList<>();
        JsonNode schema = schemas.get(document.path("apiVersion").asText());
        if (schema == null) {
            problems
                .add(name + ": apiVersion " + document.path("apiVersion").asText() + " is none of " + schemas.keySet());
            return problems;
        }
        if (!kind.equals(document.path("kind").asText())) {
            problems.add(name + ": kind " + document.path("kind").asText() + ", expected " + kind);
        }
        JsonSchema validator = FACTORY.getSchema(schema);
        for (ValidationMessage message : validator.validate(document)) {
            problems.add(name + ": " + message.getMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("metadata")) {
                ObjectMeta metadata = DeployFiles.JSON.convertValue(field.getValue(), ObjectMeta.class);
                problems.addAll(UnknownFields.find(metadata, name + ".metadata"));
            }
            else {
                undeclared(field.getValue(), schema.path("properties").path(field.getKey()),
                        name + "." + field.getKey(), problems);
            }
        }
        return problems;
    }

    /**
     * Fields the schema does not declare, as the API server prunes them: below an object
     * schema every field must be one of its properties, or match its
     * additionalProperties, unless it preserves unknown fields.
     */
    private static void undeclared(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.isMissingNode()) {
            problems.add(path + ": not in the schema");
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            return;
        }
        if (value.isArray()) {
            int index = 0;
            for (JsonNode item : value) {
                undeclared(item, schema.path("items"), path + "[" + index++ + "]", problems);
            }
        }
        else if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.fields().forEachRemaining(field -> {
                String at = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    undeclared(field.getValue(), properties.get(field.getKey()), at, problems);
                }
                else if (additional.isObject()) {
                    undeclared(field.getValue(), additional, at, problems);
                }
                else if (!additional.asBoolean(false)) {
                    problems.add(at + ": unknown field (the schema declares " + fieldNames(properties) + ")");
                }
            });
        }
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * OpenAPI 3.0's schema dialect plus Kubernetes' vendor keywords; any other unknown
     * keyword is an error.
     */
    private static JsonMetaSchema kubernetesDialect() {
        JsonMetaSchema.Builder builder = JsonMetaSchema.builder("https://kubernetes.io/crd-openapi-v3-dialect",
                OpenApi30.getInstance());
        KUBERNETES_KEYWORDS.forEach(keyword -> builder.keyword(new NonValidationKeyword(keyword)));
        return builder.unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance()).build();
    }

}
