package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The images, read as text (there is no Docker engine here): every base image named by a
 * tag and, once .ci/pin-digests.sh has pinned it, by its digest; every image we build
 * runs as a numeric non-root user, the one the chart and compose.yaml run it as; every
 * compose service hardened like the chart's pods.
 */
class ContainerImagesTest {

    /**
     * Base images not pinned by digest yet: no image registry is reachable from the
     * machines this project is built on, and a digest is never written by hand. Run
     * .ci/pin-digests.sh where a registry is reachable and empty this set: from then on
     * any FROM without a digest fails here.
     */
    static final Set<String> NOT_YET_PINNED = Set.of("eclipse-temurin:17-jdk",
            "gcr.io/distroless/java17-debian12:nonroot", "node:20-alpine", "nginxinc/nginx-unprivileged:1.27-alpine",
            "wiremock/wiremock:3.13.2");

    /**
     * Compose services whose root file system stays writable, and why (said in
     * compose.yaml too).
     */
    static final Map<String, String> WRITABLE_ROOT = Map.of("kafka",
            "the image's start script renders server.properties into /opt/kafka/config, beside files the image ships");

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

    private static final Pattern TAGGED = Pattern.compile("[a-z0-9][a-z0-9./_-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private static final Pattern NUMERIC_USER = Pattern.compile("([0-9]+)(:[0-9]+)?");

    private static final Set<String> NOT_SOURCES = Set.of(".git", ".data", "node_modules", "target");

    /** An image reference without its digest: image:tag. */
    static String unpinned(String reference) {
        return DIGEST.matcher(reference).replaceFirst("");
    }

    @Test
    void everyBaseImageIsNamedByATagAndPinnedByItsDigestUnlessListedAsNotYetPinned() {
        Set<String> unpinned = new TreeSet<>();
        Map<String, Set<String>> digests = new TreeMap<>();
        for (Path dockerfile : dockerfiles()) {
            for (String reference : baseImages(dockerfile)) {
                String image = unpinned(reference);
                assertThat(image).as("FROM %s in %s", reference, dockerfile).matches(TAGGED).doesNotEndWith(":latest");
                if (image.equals(reference)) {
                    unpinned.add(image);
                }
                else {
                    digests.computeIfAbsent(image, i -> new TreeSet<>()).add(reference);
                }
            }
        }

        assertThat(unpinned).as("base images without a digest (.ci/pin-digests.sh pins them)")
            .containsExactlyInAnyOrderElementsOf(NOT_YET_PINNED);
        assertThat(digests).as("one digest per image:tag across the Dockerfiles")
            .allSatisfy((image, references) -> assertThat(references).hasSize(1));
        assertThat(DeployFiles.ROOT.resolve(".ci/pin-digests.sh")).isExecutable();
    }

    @Test
    void everyImageWeBuildRunsAsANumericNonRootUser() {
        for (Path dockerfile : dockerfiles()) {
            assertThat(userId(dockerfile)).as("the final stage's USER of %s", dockerfile).isPositive();
        }
    }

    @Test
    void theChartAndComposeRunEachImageAsTheUserItIsBuiltFor() {
        Map<String, Integer> chartUsers = chartUsers(DeployFiles.yaml(DeployFiles.CHART.resolve("values.yaml")),
                new TreeMap<>());
        Set<String> checked = new TreeSet<>();

        composeServices().forEach((name, service) -> chartUsers.forEach((repository, uid) -> {
            if (String.valueOf(service.get("image")).startsWith(repository + ":")) {
                assertThat(composeUserId(name, service)).as("compose %s user, chart runAsUser of %s", name, repository)
                    .isEqualTo(uid);
                if (service.get("build") != null) {
                    assertThat(userId(dockerfileOf(service))).as("USER of %s's image", name).isEqualTo(uid);
                }
                checked.add(repository);
            }
        }));

        assertThat(checked).contains("kafka-restaurants/routes", "kafka-restaurants/frontend",
                "kafka-restaurants/bank-mock", "maildev/maildev");
    }

    @Test
    void everyComposeServiceRunsWithoutCapabilitiesNorPrivilegeEscalationOnAReadOnlyRoot() {
        Map<String, Map<String, Object>> services = composeServices();

        assertThat(services).containsKeys(WRITABLE_ROOT.keySet().toArray(String[]::new));
        services.forEach((name, service) -> {
            assertThat(service.get("cap_drop")).as("%s cap_drop", name).isEqualTo(List.of("ALL"));
            assertThat(service.get("cap_add")).as("%s cap_add", name).isNull();
            assertThat(service.get("privileged")).as("%s privileged", name).isNotEqualTo(true);
            assertThat(list(service, "security_opt")).as("%s security_opt", name).contains("no-new-privileges:true");
            if (WRITABLE_ROOT.containsKey(name)) {
                assertThat(service.get("read_only")).as("%s: %s", name, WRITABLE_ROOT.get(name)).isNotEqualTo(true);
            }
            else {
                assertThat(service.get("read_only")).as("%s read_only", name).isEqualTo(true);
                assertThat(list(service, "tmpfs")).as("%s tmpfs", name).contains("/tmp");
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Every Dockerfile of the repository (build output, dependencies and local state
     * aside).
     */
    static List<Path> dockerfiles() {
        List<Path> dockerfiles = new ArrayList<>();
        try {
            Files.walkFileTree(DeployFiles.ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return NOT_SOURCES.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().equals("Dockerfile")) {
                        dockerfiles.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(dockerfiles).as("Dockerfiles under %s", DeployFiles.ROOT).isNotEmpty();
        return dockerfiles.stream().sorted().toList();
    }

    /**
     * The images of a Dockerfile's FROM lines, stages named earlier in the file left out.
     */
    private static List<String> baseImages(Path dockerfile) {
        List<String> images = new ArrayList<>();
        Set<String> stages = new TreeSet<>();
        Matcher from = Pattern.compile("(?m)^FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$")
            .matcher(DeployFiles.text(dockerfile));
        while (from.find()) {
            if (!stages.contains(from.group(1))) {
                images.add(from.group(1));
            }
            if (from.group(2) != null) {
                stages.add(from.group(2));
            }
        }
        return images;
    }

    /**
     * The user id the image runs as: its final stage's last USER, which must be numeric
     * (runAsNonRoot checks it).
     */
    private static int userId(Path dockerfile) {
        String text = DeployFiles.text(dockerfile);
        String finalStage = text.substring(text.lastIndexOf("\nFROM "));
        String user = finalStage.lines()
            .filter(l -> l.startsWith("USER "))
            .reduce((a, b) -> b)
            .map(l -> l.substring(5).trim())
            .orElseThrow(() -> new AssertionError(dockerfile + ": the final stage sets no USER"));
        Matcher numeric = NUMERIC_USER.matcher(user);
        assertThat(numeric.matches()).as("%s: USER %s is a numeric uid[:gid]", dockerfile, user).isTrue();
        return Integer.parseInt(numeric.group(1));
    }

    /**
     * The chart's image repositories with the user id their pods run as (components with
     * image and runAsUser).
     */
    private static Map<String, Integer> chartUsers(JsonNode node, Map<String, Integer> users) {
        if (node.path("image").has("repository") && node.has("runAsUser")) {
            users.put(node.path("image").path("repository").asText(), node.path("runAsUser").asInt());
        }
        node.elements().forEachRemaining(child -> chartUsers(child, users));
        return users;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() {
        Map<String, Object> compose = new Yaml().load(DeployFiles.text(DeployFiles.COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static int composeUserId(String name, Map<String, Object> service) {
        String user = String.valueOf(service.get("user"));
        Matcher numeric = NUMERIC_USER.matcher(user);
        assertThat(numeric.matches()).as("compose %s user %s is a numeric uid[:gid]", name, user).isTrue();
        return Integer.parseInt(numeric.group(1));
    }

    @SuppressWarnings("unchecked")
    private static Path dockerfileOf(Map<String, Object> service) {
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        return DeployFiles.ROOT.resolve(String.valueOf(build.get("context")))
            .resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")))
            .normalize();
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> service, String key) {
        return (List<String>) service.getOrDefault(key, List.of());
    }

}
