package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What `kubectl apply -k
 * <dir>
 * ` applies, for the small part of kustomize that strimzi/ uses: resources (files and
 * directories with their own kustomization.yaml) and inline JSON 6902 patches (add,
 * replace, remove) selected by kind and name. Any other kustomize feature fails here
 * rather than being silently ignored.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches");

    private Kustomization() {
    }

    static List<JsonNode> build(Path dir) {
        JsonNode kustomization = DeployFiles.yaml(dir.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses " + field
                        + ", which this test's kustomize subset does not model");
            }
        });
        if (!"Kustomization".equals(kustomization.path("kind").asText())) {
            throw new IllegalStateException(dir + "/kustomization.yaml is not a Kustomization");
        }
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                documents.addAll(build(path));
            }
            else {
                documents.addAll(DeployFiles.documents(path));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            JsonNode target = patch.path("target");
            List<JsonNode> operations = new ArrayList<>();
            operations(patch.path("patch").asText()).forEach(operations::add);
            int matched = 0;
            for (JsonNode document : documents) {
                if (matches(target, document)) {
                    operations.forEach(operation -> apply((ObjectNode) document, operation));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(dir + ": patch target " + target + " matches no resource");
            }
        }
        return documents;
    }

    private static JsonNode operations(String patch) {
        try {
            JsonNode operations = DeployFiles.YAML.readTree(patch);
            if (!operations.isArray()) {
                throw new IllegalStateException("Only JSON 6902 patches (a list of operations) are modelled: " + patch);
            }
            return operations;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(JsonNode target, JsonNode document) {
        return (!target.has("kind") || target.path("kind").asText().equals(document.path("kind").asText()))
                && (!target.has("name")
                        || target.path("name").asText().equals(document.path("metadata").path("name").asText()));
    }

    private static void apply(ObjectNode document, JsonNode operation) {
        String op = operation.path("op").asText();
        String[] path = operation.path("path").asText().substring(1).split("/");
        JsonNode parent = document;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(path[i])) : parent.path(path[i]);
            if (parent.isMissingNode()) {
                throw new IllegalStateException("Patch path " + operation.path("path").asText() + " does not exist");
            }
        }
        String last = path[path.length - 1];
        JsonNode value = operation.path("value").deepCopy();
        if (parent instanceof ArrayNode array) {
            switch (op) {
                case "add" -> {
                    if (last.equals("-")) {
                        array.add(value);
                    }
                    else {
                        array.insert(Integer.parseInt(last), value);
                    }
                }
                case "replace" -> array.set(Integer.parseInt(last), value);
                case "remove" -> array.remove(Integer.parseInt(last));
                default -> throw new IllegalStateException("Unsupported patch op " + op);
            }
        }
        else if (parent instanceof ObjectNode object) {
            switch (op) {
                case "add" -> object.set(last, value);
                case "replace" -> {
                    if (!object.has(last)) {
                        throw new IllegalStateException("Patch replaces missing " + operation.path("path").asText());
                    }
                    object.set(last, value);
                }
                case "remove" -> object.remove(last);
                default -> throw new IllegalStateException("Unsupported patch op " + op);
            }
        }
        else {
            throw new IllegalStateException("Patch path " + operation.path("path").asText() + " is not in an object");
        }
    }

}
