package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the deploy files are (from the routes module, where the tests run) and how to
 * read them.
 */
final class DeployFiles {

    static final Path ROOT = repositoryRoot();
    static final Path CHART = ROOT.resolve("helm/kafka-restaurants");
    static final Path STRIMZI = ROOT.resolve("strimzi");
    static final Path COMPOSE = ROOT.resolve("compose.yaml");
    static final Path CATALOG = ROOT.resolve("config/restaurants.json");
    static final Path BANK_MOCK = ROOT.resolve("mocks/bank");
    static final Path NGINX_TEMPLATE = ROOT.resolve("restaurants-frontend/nginx/default.conf.template");
    static final Path APPLICATION_YAML = ROOT.resolve("routes/src/main/resources/application.yaml");
    static final Path ROUTES = ROOT.resolve("routes/src/main/resources/camel");

    /** The configurations that make the stages' memories (StageMemory beans). */
    static final List<Path> STAGE_MEMORY_BEANS = Stream
        .of("payment/PaymentConfiguration.java", "notification/NotificationConfiguration.java")
        .map(file -> ROOT.resolve("routes/src/main/java/io/kafkarestaurants/" + file))
        .toList();

    /** Scratch space of the deploy tests, inside the module's build output. */
    static final Path WORK = ROOT.resolve("routes/target/deploy-tests");

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of a multi-document YAML text. */
    static List<JsonNode> documents(String yaml) {
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            List<JsonNode> documents = new ArrayList<>();
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
            return documents;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> documents(Path file) {
        return documents(text(file));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("routes")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "No repository root (with routes/, helm/ and pom.xml) above " + Path.of("").toAbsolutePath());
    }

}
