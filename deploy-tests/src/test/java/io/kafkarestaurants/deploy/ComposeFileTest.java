package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml: valid against the Compose schema and dclint's rules (npm dclint, pinned
 * in helm/ci), and the same stack as `make run`: the same ports on 127.0.0.1, the same
 * versions, the same mounted data.
 */
class ComposeFileTest {

    static final Path TOOLS = DeployFiles.ROOT.resolve("helm/ci");

    /** Which local-stack port (local/run.sh) each service publishes. */
    static final Map<String, List<String>> LOCAL_PORTS = Map.of("site", List.of("SITE_PORT"), "api",
            List.of("APP_PORT"), "bank", List.of("BANK_PORT"), "maildev", List.of("SMTP_PORT", "INBOX_PORT"), "kafka",
            List.of("KAFKA_PORT"));

    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() {
        Map<String, Object> compose = new Yaml().load(DeployFiles.text(DeployFiles.COMPOSE));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void composeFileMatchesTheComposeSchemaAndPassesDclintWithoutWarnings() throws Exception {
        Path dclint = TOOLS.resolve("node_modules/.bin/dclint");
        if (!Files.isExecutable(dclint)) {
            assumeTrue(onPath("npm"), "npm is not installed: compose.yaml not validated with dclint");
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), TOOLS, 300);
            assertThat(install.exit()).as("npm ci in helm/ci: %s", install.output()).isZero();
        }

        Result lint = run(
                List.of(dclint.toString(), DeployFiles.COMPOSE.toString(), "--max-warnings", "0", "--no-color"),
                DeployFiles.ROOT, 120);

        assertThat(lint.exit()).as("dclint compose.yaml:%n%s", lint.output()).isZero();
    }

    @Test
    void servicesPublishTheLocalStacksPortsOnLoopbackOnly() {
        Map<String, String> localPorts = localStackPorts();
        Map<String, List<String>> published = new TreeMap<>();
        services.forEach((name, service) -> published.put(name, ports(service)));

        for (var entry : LOCAL_PORTS.entrySet()) {
            List<String> hostPorts = published.get(entry.getKey()).stream().map(p -> p.split(":")[1]).toList();
            assertThat(hostPorts).as("host ports of %s", entry.getKey())
                .containsExactlyInAnyOrderElementsOf(entry.getValue().stream().map(localPorts::get).toList());
        }
        assertThat(published.values().stream().flatMap(List::stream))
            .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
        assertThat(published.get("transactions")).isEmpty();
        assertThat(published.get("email")).isEmpty();
    }

    @Test
    void theThreeRolesRunFromTheOneRoutesImageWithWhatTheirRoutesNeed() {
        Map<String, String> roles = new TreeMap<>();
        services.forEach((name, service) -> {
            String role = environment(service).get("RESTAURANTS_ROLES");
            if (role != null) {
                roles.put(name, role);
                assertThat(service.get("image")).isEqualTo("kafka-restaurants/routes:" + Versions.appVersion());
                assertThat(service.get("read_only")).isEqualTo(true);
                assertThat(environment(service)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsEntry("SERVER_ADDRESS", "0.0.0.0");
            }
        });

        assertThat(roles)
            .containsExactlyInAnyOrderEntriesOf(Map.of("api", "api", "transactions", "transactions", "email", "email"));
        assertThat(services.get("api").get("build"))
            .isEqualTo(Map.of("context", ".", "dockerfile", "routes/Dockerfile"));
        assertThat(volumes(services.get("api")))
            .contains("./config/restaurants.json:" + environment(services.get("api")).get("CATALOG_PATH") + ":ro");
        assertThat(environment(services.get("transactions"))).containsEntry("BANK_URL", "http://bank:8080")
            .containsKey("CARD_KEY");
        assertThat(environment(services.get("email"))).containsEntry("SMTP_HOST", "maildev")
            .containsEntry("SMTP_PORT", "1025")
            .doesNotContainKey("CARD_KEY");
        assertThat(services.get("site").get("image")).isEqualTo("kafka-restaurants/frontend:" + Versions.appVersion());
    }

    @Test
    void theApisOrderViewWritesWhereTheChartsDoesOnAWritableMount() {
        Map<String, Object> api = services.get("api");
        String stateDir = environment(api).get("ORDER_VIEW_STATE_DIR");
        var chartApi = HelmChartTest.container(RenderedChart.of(RenderedChart.Variant.DEFAULTS).deployment("api"));

        assertThat(stateDir).isEqualTo(HelmChartTest.env(chartApi).get("ORDER_VIEW_STATE_DIR"));
        assertThat(api.get("read_only")).isEqualTo(true);
        assertThat(tmpfs(api)).as("tmpfs mounts of the api")
            .contains("/tmp")
            .anySatisfy(mount -> assertThat(mount.split(":")[0]).isEqualTo(stateDir));
    }

    @Test
    void theMocksAndKafkaAreTheVersionsAndDataTheRestOfTheRepositoryPins() {
        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:" + Versions.localKafka());
        assertThat(services.get("bank").get("image")).isEqualTo(BankMockImageTest.IMAGE + ":" + Versions.appVersion());
        assertThat(services.get("bank").get("build")).isEqualTo(Map.of("context", "./mocks/bank"));
        assertThat(command(services.get("bank"))).containsSubsequence("--extensions", BankMockImageTest.EXTENSION);
        assertThat(services.get("maildev").get("image")).isEqualTo("maildev/maildev:" + Versions.maildev());
        assertThat(volumes(services.get("bank"))).containsExactlyInAnyOrder(
                "./mocks/bank/mappings:/home/wiremock/mappings:ro", "./mocks/bank/__files:/home/wiremock/__files:ro");
        assertThat(Files.isDirectory(DeployFiles.BANK_MOCK.resolve("mappings"))).isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path dir, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The default ports of the local stack, from local/run.sh (NAME_PORT=number). */
    private static Map<String, String> localStackPorts() {
        Map<String, String> ports = new TreeMap<>();
        Matcher matcher = Pattern.compile("(?m)^([A-Z_]+_PORT)=(\\d+)$")
            .matcher(DeployFiles.text(DeployFiles.ROOT.resolve("local/run.sh")));
        while (matcher.find()) {
            ports.put(matcher.group(1), matcher.group(2));
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Object> service) {
        return new ArrayList<>((List<String>) service.getOrDefault("ports", List.of()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("command", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("volumes", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> tmpfs(Map<String, Object> service) {
        return (List<String>) service.getOrDefault("tmpfs", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new TreeMap<>();
        ((Map<String, Object>) service.getOrDefault("environment", Map.of()))
            .forEach((key, value) -> env.put(key, String.valueOf(value)));
        return env;
    }

}
