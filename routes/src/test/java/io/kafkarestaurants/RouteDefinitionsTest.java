package io.kafkarestaurants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kafkarestaurants.support.InMemoryIdempotency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.WireTapDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The guard over every route file: ids and descriptions, ids on outbound steps,
 * placeholders that resolve, the Camel YAML DSL schema, and roles that load only their
 * own routes. Routes are loaded, not started.
 */
@SpringBootTest(classes = { Application.class, InMemoryIdempotency.class },
        properties = { "camel.main.auto-startup=false", "spring.kafka.admin.auto-create=false",
                InMemoryIdempotency.OVERRIDING })
@ActiveProfiles("test")
class RouteDefinitionsTest {

    static final Path ROUTES = Path.of("src/main/resources/camel");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Camel's own OpenAPI route (camel.rest.api-context-path): it has a fixed id but no
     * description to set.
     */
    static final String OPENAPI_ROUTE = "rest-openapi";

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteHasAnIdAndADescription() {
        List<RouteDefinition> routes = model().getRouteDefinitions();
        assertThat(routes).hasSizeGreaterThan(10);
        for (RouteDefinition route : routes) {
            assertThat(route.hasCustomIdAssigned()).as("route from %s has an id", route.getInput()).isTrue();
            if (route.getId().equals(OPENAPI_ROUTE)) {
                continue;
            }
            if (Boolean.TRUE.equals(route.isRest())) {
                assertThat(restVerb(route.getId()).getDescriptionText())
                    .as("REST operation %s has a description", route.getId())
                    .isNotBlank();
                continue;
            }
            assertThat(route.getDescriptionText()).as("route %s has a description", route.getId()).isNotBlank();
        }
    }

    @Test
    void everyOutboundStepHasAnId() {
        List<String> missing = new ArrayList<>();
        for (RouteDefinition route : model().getRouteDefinitions()) {
            if (route.getId().equals(OPENAPI_ROUTE)) {
                continue;
            }
            for (Class<? extends ProcessorDefinition> type : List.of(ToDefinition.class, ToDynamicDefinition.class,
                    EnrichDefinition.class, PollEnrichDefinition.class, BeanDefinition.class,
                    WireTapDefinition.class)) {
                ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), type)
                    .stream()
                    .filter(step -> !step.hasCustomIdAssigned())
                    .forEach(step -> missing.add(route.getId() + ": " + step));
            }
        }
        assertThat(missing).as("outbound steps without an id").isEmpty();
    }

    @Test
    void everyPlaceholderInTheRouteFilesResolves() {
        Set<String> keys = new TreeSet<>();
        routeFiles().forEach(file -> {
            Matcher matcher = PLACEHOLDER.matcher(read(file));
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        });
        keys.removeAll(templateParameters());
        assertThat(keys).contains("restaurants.topics.order", "restaurants.bank.url");
        for (String key : keys) {
            assertThat(camel.getPropertiesComponent().resolveProperty(key)).as("{{%s}} resolves", key).isPresent();
        }
    }

    @Test
    void everyRouteFileFollowsTheCamelYamlDslSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = CamelContext.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            JsonNode node = new ObjectMapper().readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
        }
        assertThat(routeFiles()).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : routeFiles().toList()) {
            Set<ValidationMessage> errors = schema.validate(YAML.readTree(file.toFile()));
            assertThat(errors).as("%s against camelYamlDsl.json", file).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "api", "transactions", "email" })
    void eachRoleLoadsOnlyCommonRoutesAndItsOwn(String role) {
        Set<String> expected = new TreeSet<>(routeIdsIn(ROUTES.resolve("common")));
        expected.addAll(routeIdsIn(ROUTES.resolve(role)));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class,
                InMemoryIdempotency.class)
            .web(WebApplicationType.NONE)
            .profiles("test")
            .properties("camel.main.auto-startup=false", "spring.kafka.admin.auto-create=false",
                    InMemoryIdempotency.OVERRIDING)
            .run("--restaurants.roles=" + role)) {
            ModelCamelContext roleCamel = (ModelCamelContext) context.getBean(CamelContext.class);
            Set<String> loaded = new TreeSet<>();
            roleCamel.getRouteDefinitions()
                .stream()
                .filter(route -> !Boolean.TRUE.equals(route.isRest()))
                .filter(route -> !route.getId().equals(OPENAPI_ROUTE))
                .map(RouteDefinition::getId)
                .forEach(loaded::add);
            assertThat(loaded).isEqualTo(expected);
            assertThat(roleCamel.getRestDefinitions()).as("REST API only in the api role")
                .hasSize(role.equals("api") ? 1 : 0);
        }
    }

    private org.apache.camel.model.rest.VerbDefinition restVerb(String routeId) {
        return model().getRestDefinitions()
            .stream()
            .flatMap(rest -> rest.getVerbs().stream())
            .filter(verb -> routeId.equals(verb.getRouteId()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No REST verb for route " + routeId));
    }

    private ModelCamelContext model() {
        return (ModelCamelContext) camel;
    }

    /**
     * Route ids declared in the files of a folder: `- route: id:` and `- templatedRoute:
     * routeId:`.
     */
    private static Set<String> routeIdsIn(Path folder) {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                for (JsonNode entry : YAML.readTree(file.toFile())) {
                    if (entry.has("route")) {
                        ids.add(entry.get("route").get("id").asText());
                    }
                    if (entry.has("templatedRoute")) {
                        ids.add(entry.get("templatedRoute").get("routeId").asText());
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /**
     * The parameters the route templates declare: {{name}} in a template is one of them,
     * not a property.
     */
    private static Set<String> templateParameters() {
        Set<String> names = new TreeSet<>();
        routeFiles().forEach(file -> {
            try {
                for (JsonNode entry : YAML.readTree(file.toFile())) {
                    entry.path("routeTemplate").path("parameters").forEach(p -> names.add(p.path("name").asText()));
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return names;
    }

    private static Stream<Path> routeFiles() {
        try (Stream<Path> walk = Files.walk(ROUTES)) {
            return walk.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList().stream();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
