package io.kafkarestaurants.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The chart rendered with helm-java (Helm 3 in-process, no cluster) for one entry of the
 * values matrix, parsed into the fabric8 Kubernetes model. The `helm test` pod is a hook,
 * which `helm template` through helm-java leaves out; it is rendered from a copy of the
 * chart whose test templates have their hook annotation removed.
 */
final class RenderedChart {

    static final String RELEASE = "kafka-restaurants";
    static final String NAMESPACE = "kafka-restaurants";
    static final String KUBE_VERSION = "1.31.0";

    /**
     * The values matrix: defaults, then the files of helm/kafka-restaurants/ci on top.
     */
    enum Variant {

        DEFAULTS(null), NETWORK_POLICIES_OFF("network-policies-off-values.yaml"),
        EXTERNAL_SERVICES("external-services-values.yaml"), EXTERNAL_KAFKA("external-kafka-values.yaml"),
        KEDA("keda-values.yaml"), MONITORING("monitoring-values.yaml");

        final String file;

        Variant(String file) {
            this.file = file;
        }

        Path valuesFile() {
            return file == null ? null : DeployFiles.CHART.resolve("ci").resolve(file);
        }

    }

    /** API versions of the kinds the chart may render, and their model classes. */
    static final Map<String, Map.Entry<String, Class<? extends HasMetadata>>> KINDS = Map.of("Deployment",
            Map.entry("apps/v1", Deployment.class), "Service", Map.entry("v1", Service.class), "ConfigMap",
            Map.entry("v1", ConfigMap.class), "Secret", Map.entry("v1", Secret.class), "ServiceAccount",
            Map.entry("v1", ServiceAccount.class), "Pod", Map.entry("v1", Pod.class), "HorizontalPodAutoscaler",
            Map.entry("autoscaling/v2", HorizontalPodAutoscaler.class), "PodDisruptionBudget",
            Map.entry("policy/v1", PodDisruptionBudget.class), "NetworkPolicy",
            Map.entry("networking.k8s.io/v1", NetworkPolicy.class), "Ingress",
            Map.entry("networking.k8s.io/v1", Ingress.class));

    /**
     * Custom resources the chart may render, which no Java model here knows: checked
     * against their CRD instead.
     */
    static final Map<String, CrdSchema> CUSTOM_KINDS = customKinds();

    private static final Map<Variant, RenderedChart> CACHE = new EnumMap<>(Variant.class);

    final Variant variant;

    final List<HasMetadata> objects = new ArrayList<>();

    /** The `helm test` pods (hooks), rendered separately. */
    final List<Pod> testPods = new ArrayList<>();

    final List<String> problems = new ArrayList<>();

    private RenderedChart(Variant variant) {
        this.variant = variant;
        for (JsonNode document : DeployFiles.documents(template(DeployFiles.CHART, variant.valuesFile(), c -> c))) {
            objects.add(parse(document));
        }
        Path copy = copyWithoutTestHooks(variant);
        List<JsonNode> withTests = DeployFiles.documents(template(copy, variant.valuesFile(), c -> c));
        for (JsonNode document : withTests) {
            if (document.path("metadata").path("labels").path("app.kubernetes.io/component").asText().equals("test")
                    && document.path("kind").asText().equals("Pod")) {
                testPods.add((Pod) parse(document));
            }
        }
        if (withTests.size() != objects.size() + testPods.size()) {
            problems.add("the chart copy without test hooks renders " + withTests.size() + " objects, expected "
                    + objects.size() + " + " + testPods.size() + " test pod(s)");
        }
    }

    private static Map<String, CrdSchema> customKinds() {
        Map<String, CrdSchema> kinds = new HashMap<>(CrdSchema.KEDA);
        kinds.putAll(CrdSchema.PROMETHEUS_OPERATOR);
        return Map.copyOf(kinds);
    }

    static synchronized RenderedChart of(Variant variant) {
        return CACHE.computeIfAbsent(variant, RenderedChart::new);
    }

    /**
     * helm template of a chart directory with a values file (or none) and extra settings.
     */
    static String template(Path chart, Path valuesFile, UnaryOperator<TemplateCommand> settings) {
        TemplateCommand command = new Helm(chart).template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        return settings.apply(command).call();
    }

    /** helm lint --strict of the chart with this variant's values as its values.yaml. */
    static LintResult lint(Variant variant) {
        if (variant.valuesFile() == null) {
            return new Helm(DeployFiles.CHART).lint().strict().call();
        }
        Path copy = copy(variant, "lint", text -> text);
        ObjectNode values = (ObjectNode) DeployFiles.yaml(DeployFiles.CHART.resolve("values.yaml"));
        merge(values, DeployFiles.yaml(variant.valuesFile()));
        try {
            DeployFiles.YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream()
            .filter(o -> o.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(variant + " renders no " + type.getSimpleName() + " " + name));
    }

    /**
     * The resource name of a component, as the chart's helpers make it for this release.
     */
    static String name(String component) {
        return RELEASE + "-" + component;
    }

    Deployment deployment(String component) {
        return named(Deployment.class, name(component));
    }

    /**
     * The rendered custom resources of a kind (ScaledObject, TriggerAuthentication), as
     * the chart wrote them.
     */
    List<JsonNode> custom(String kind) {
        return all(GenericKubernetesResource.class).stream()
            .filter(o -> o.getKind().equals(kind))
            .map(o -> (JsonNode) DeployFiles.JSON.valueToTree(o))
            .toList();
    }

    private HasMetadata parse(JsonNode document) {
        String kind = document.path("kind").asText();
        CrdSchema custom = CUSTOM_KINDS.get(kind);
        if (custom != null) {
            problems.addAll(custom.problems(document));
            return DeployFiles.JSON.convertValue(document, GenericKubernetesResource.class);
        }
        Map.Entry<String, Class<? extends HasMetadata>> known = KINDS.get(kind);
        if (known == null) {
            throw new AssertionError(variant + " renders an unexpected kind " + kind);
        }
        if (!known.getKey().equals(document.path("apiVersion").asText())) {
            problems.add(kind + " " + document.path("metadata").path("name").asText() + " has apiVersion "
                    + document.path("apiVersion").asText() + ", expected " + known.getKey());
        }
        return UnknownFields.parse(document, known.getValue(), problems);
    }

    private static Path copyWithoutTestHooks(Variant variant) {
        return copy(variant, "with-tests",
                text -> text.lines().filter(line -> !line.contains("helm.sh/hook")).reduce("", (a, b) -> a + b + "\n"));
    }

    /**
     * A copy of the chart with its symlinks resolved; templates/tests/* go through the
     * given edit.
     */
    private static Path copy(Variant variant, String purpose, UnaryOperator<String> testTemplates) {
        Path target = DeployFiles.WORK.resolve(variant.name().toLowerCase() + "-" + purpose)
            .resolve("kafka-restaurants");
        try {
            if (Files.exists(target)) {
                try (Stream<Path> old = Files.walk(target)) {
                    old.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> files = Files.walk(DeployFiles.CHART, FileVisitOption.FOLLOW_LINKS)) {
                for (Iterator<Path> it = files.iterator(); it.hasNext();) {
                    Path source = it.next();
                    Path destination = target.resolve(DeployFiles.CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    }
                    else if (DeployFiles.CHART.relativize(source).startsWith("templates/tests")) {
                        Files.writeString(destination, testTemplates.apply(Files.readString(source)));
                    }
                    else {
                        Files.copy(source, destination);
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Helm's merge of a values file over the defaults: maps merge key by key, anything
     * else is replaced.
     */
    private static void merge(ObjectNode base, JsonNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            JsonNode current = base.get(field.getKey());
            if (current instanceof ObjectNode object && field.getValue().isObject()) {
                merge(object, field.getValue());
            }
            else {
                base.set(field.getKey(), field.getValue());
            }
        });
    }

}
