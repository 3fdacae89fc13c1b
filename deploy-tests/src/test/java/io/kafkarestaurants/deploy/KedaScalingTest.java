package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.HelmChartTest.container;
import static io.kafkarestaurants.deploy.HelmChartTest.env;
import static io.kafkarestaurants.deploy.HelmChartTest.secretRef;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.DEFAULTS;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.EXTERNAL_KAFKA;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.KEDA;
import static io.kafkarestaurants.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's KEDA option for the stage roles (routes.transactions.keda,
 * routes.email.keda), rendered over ci/keda-values.yaml and a few settings more.
 * RenderedChart holds every ScaledObject and TriggerAuthentication to KEDA's CRD; here
 * they are held to what they must say: the consumer groups and topics of the role's own
 * routes, the brokers and the Kafka credentials of its pods, and never more pods than the
 * topics have partitions.
 */
class KedaScalingTest {

    static final List<String> STAGES = List.of("transactions", "email");

    @Test
    void withKedaOffThereIsNoScaledObjectAndTheTransactionsRoleKeepsItsHpa() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);

        assertThat(chart.custom("ScaledObject")).isEmpty();
        assertThat(chart.custom("TriggerAuthentication")).isEmpty();
        assertThat(chart.named(HorizontalPodAutoscaler.class, name("transactions"))
            .getSpec()
            .getScaleTargetRef()
            .getName()).isEqualTo(chart.deployment("transactions").getMetadata().getName());
        assertThat(chart.deployment("email").getSpec().getReplicas()).isPositive();
    }

    @Test
    void eachStageIsScaledOnTheLagOfItsOwnGroupOnTheTopicsItsRoutesReadAndHasNoHpa() {
        RenderedChart chart = RenderedChart.of(KEDA);

        assertThat(chart.problems).as("fields against KEDA's CRD").isEmpty();
        assertThat(chart.custom("ScaledObject")).extracting(o -> o.at("/metadata/name").asText())
            .containsExactlyInAnyOrder(name("transactions"), name("email"));
        assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
            .doesNotContain(name("transactions"), name("email"));
        for (String stage : STAGES) {
            Deployment deployment = chart.deployment(stage);
            Map<String, String> env = env(container(deployment));
            JsonNode scaled = scaledObject(chart.custom("ScaledObject"), stage);

            assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.getMetadata().getName());
            assertThat(scaled.at("/spec/scaleTargetRef/kind").asText("Deployment")).isEqualTo("Deployment");
            assertThat(deployment.getSpec().getReplicas()).as("replicas of %s are KEDA's", stage).isNull();
            assertThat(lagTriggers(scaled)).as("group -> topics of the lag triggers of %s", stage)
                .isEqualTo(AppKafkaUsage.withEnvironment(env).consumedTopicsByGroup(stage));
            for (JsonNode trigger : kafkaTriggers(scaled)) {
                assertThat(trigger.at("/metadata/bootstrapServers").asText())
                    .isEqualTo(reachableFromAnotherNamespace(env.get("KAFKA_BOOTSTRAP_SERVERS")));
                assertThat(Integer.parseInt(trigger.at("/metadata/lagThreshold").asText())).isPositive();
                // The stages' consumers start a partition without a committed offset from
                // its first record.
                assertThat(trigger.at("/metadata/offsetResetPolicy").asText()).isEqualTo("earliest");
            }
            int min = scaled.at("/spec/minReplicaCount").asInt();
            int max = scaled.at("/spec/maxReplicaCount").asInt();
            // KEDA's CRD states this as a CEL rule, which the schema check does not
            // evaluate.
            assertThat(min).as("minReplicaCount of %s", stage).isLessThanOrEqualTo(max);
            assertThat(max).as("maxReplicaCount of %s", stage)
                .isLessThanOrEqualTo(Integer.parseInt(env.get("TOPIC_PARTITIONS")));
        }
        assertThat(kafkaTriggers(scaledObject(chart.custom("ScaledObject"), "transactions")))
            .as("the transactions role scales on CPU beside its lags: the charge stage's and the popularity "
                    + "counter's, on order")
            .hasSize(2);
        assertThat(scaledObject(chart.custom("ScaledObject"), "transactions").path("spec").path("triggers"))
            .anySatisfy(t -> assertThat(t.path("type").asText()).isEqualTo("cpu"));
    }

    @Test
    void kedaReadsTheLagAsTheRolesOwnKafkaUserOverTls() {
        RenderedChart chart = RenderedChart.of(KEDA);
        Map<String, KafkaUser> users = StrimziResourcesTest.Applied.of("production")
            .users()
            .stream()
            .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));

        for (String stage : STAGES) {
            Deployment deployment = chart.deployment(stage);
            Container routes = container(deployment);
            JsonNode scaled = scaledObject(chart.custom("ScaledObject"), stage);
            for (JsonNode trigger : kafkaTriggers(scaled)) {
                assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
                assertThat(trigger.at("/metadata/sasl").asText()).isEqualTo("scram_sha512");
                assertThat(trigger.at("/authenticationRef/name").asText()).isEqualTo(name(stage));
            }
            JsonNode authentication = named(chart.custom("TriggerAuthentication"), name(stage));
            Map<String, String> secrets = secretRefs(authentication);
            String userSecret = secretRef(routes, "CAMEL_COMPONENT_KAFKA_SASLJAASCONFIG");
            Volume ca = deployment.getSpec()
                .getTemplate()
                .getSpec()
                .getVolumes()
                .stream()
                .filter(v -> v.getName().equals("kafka-ca"))
                .findFirst()
                .orElseThrow();

            assertThat(secrets).containsOnly(Map.entry("password", userSecret + "/password"),
                    Map.entry("ca", ca.getSecret().getSecretName() + "/" + ca.getSecret().getItems().get(0).getKey()));
            assertThat(authentication.at("/spec/env")).singleElement().satisfies(username -> {
                assertThat(username.path("parameter").asText()).isEqualTo("username");
                assertThat(username.path("containerName").asText()).isEqualTo(routes.getName());
                assertThat(users).as("the KafkaUser KEDA logs in as")
                    .containsKey(env(routes).get(username.path("name").asText()));
            });
            assertThat(users.get(userSecret)).as("KafkaUser %s, whose Secret the pods of %s use", userSecret, stage)
                .isNotNull();
            assertThat(env(routes)).containsEntry("KAFKA_USER", userSecret);
        }
    }

    @Test
    void aKafkaWithoutTlsOrAuthenticationNeedsNoTriggerAuthentication() {
        List<JsonNode> rendered = render(EXTERNAL_KAFKA.valuesFile(), kedaOn());
        String bootstrap = DeployFiles.yaml(EXTERNAL_KAFKA.valuesFile()).at("/kafka/bootstrapServers").asText();

        assertThat(problems(rendered)).isEmpty();
        assertThat(ofKind(rendered, "TriggerAuthentication")).isEmpty();
        for (String stage : STAGES) {
            for (JsonNode trigger : kafkaTriggers(scaledObject(ofKind(rendered, "ScaledObject"), stage))) {
                assertThat(trigger.has("authenticationRef")).isFalse();
                assertThat(trigger.path("metadata").has("tls")).isFalse();
                assertThat(trigger.path("metadata").has("sasl")).isFalse();
                assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
            }
        }
    }

    @Test
    void withClientCertificatesKedaPresentsTheRolesCertificate() {
        List<JsonNode> rendered = render(null, c -> kedaOn().apply(c).set("kafka.auth.type", "tls"));

        assertThat(problems(rendered)).isEmpty();
        for (String stage : STAGES) {
            JsonNode authentication = named(ofKind(rendered, "TriggerAuthentication"), name(stage));
            String userSecret = "kafka-restaurants-" + stage;
            assertThat(secretRefs(authentication)).containsOnly(Map.entry("cert", userSecret + "/user.crt"),
                    Map.entry("key", userSecret + "/user.key"),
                    Map.entry("ca", "kafka-restaurants-cluster-ca-cert/ca.crt"));
            assertThat(authentication.path("spec").has("env")).isFalse();
            for (JsonNode trigger : kafkaTriggers(scaledObject(ofKind(rendered, "ScaledObject"), stage))) {
                assertThat(trigger.at("/metadata/tls").asText()).isEqualTo("enable");
                assertThat(trigger.path("metadata").has("sasl")).isFalse();
            }
        }
    }

    @Test
    void moreStagePodsThanTheTopicsHavePartitionsIsRefused() {
        assertThatThrownBy(
                () -> render(null, c -> kedaOn().apply(c).set("routes.transactions.keda.maxReplicaCount", 13)))
            .hasMessageContaining("routes.transactions.keda.maxReplicaCount is 13, above the 12 partitions of order");
        assertThatThrownBy(() -> render(null,
                c -> kedaOn().apply(c)
                    .set("kafka.topics.partitions", 3)
                    .set("routes.transactions.keda.maxReplicaCount", 3)))
            .hasMessageContaining("routes.email.keda.maxReplicaCount is 4, above the 3 partitions of "
                    + "order_confirm and order_declined");
        assertThatThrownBy(() -> render(null, c -> kedaOn().apply(c).set("routes.email.keda.minReplicaCount", 5)))
            .hasMessageContaining("routes.email.keda.minReplicaCount (5) is above its maxReplicaCount (4)");
        assertThatThrownBy(() -> render(null, c -> kedaOn().apply(c).set("routes.email.keda.lagThreshold", 0)))
            .hasMessageContaining("lagThreshold");
        assertThat(problems(render(null, c -> kedaOn().apply(c).set("routes.transactions.keda.maxReplicaCount", 12))))
            .isEmpty();
    }

    @Test
    void thePartitionsTheChartKnowsAreThoseOfTheStagesTopicsInStrimziAndInTheApp() {
        int chartPartitions = DeployFiles.yaml(DeployFiles.CHART.resolve("values.yaml"))
            .at("/kafka/topics/partitions")
            .asInt();
        AppKafkaUsage app = AppKafkaUsage.defaults();
        Set<String> consumed = STAGES.stream()
            .flatMap(s -> app.consumedTopicsByGroup(s).values().stream())
            .flatMap(Set::stream)
            .collect(Collectors.toCollection(TreeSet::new));
        Map<String, Integer> strimzi = new TreeMap<>();
        StrimziResourcesTest.Applied.of("production")
            .topics()
            .stream()
            .filter(t -> consumed.contains(StrimziResourcesTest.topicName(t)))
            .forEach((KafkaTopic t) -> strimzi.put(StrimziResourcesTest.topicName(t), t.getSpec().getPartitions()));

        assertThat(strimzi.keySet()).isEqualTo(consumed);
        assertThat(strimzi.values()).containsOnly(chartPartitions);
        assertThat(Integer.parseInt(app.property("restaurants.topics.partitions"))).isEqualTo(chartPartitions);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * KEDA on for both stages, as ci/keda-values.yaml has it, for renders over another
     * values file.
     */
    private static UnaryOperator<TemplateCommand> kedaOn() {
        return c -> c.set("routes.transactions.keda.enabled", true).set("routes.email.keda.enabled", true);
    }

    private static List<JsonNode> render(Path valuesFile, UnaryOperator<TemplateCommand> settings) {
        return DeployFiles.documents(RenderedChart.template(DeployFiles.CHART, valuesFile, settings));
    }

    private static List<String> problems(List<JsonNode> rendered) {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : rendered) {
            CrdSchema schema = RenderedChart.CUSTOM_KINDS.get(document.path("kind").asText());
            if (schema != null) {
                problems.addAll(schema.problems(document));
            }
        }
        return problems;
    }

    private static List<JsonNode> ofKind(List<JsonNode> rendered, String kind) {
        return rendered.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode named(List<JsonNode> objects, String name) {
        return objects.stream()
            .filter(o -> o.at("/metadata/name").asText().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no object named " + name));
    }

    private static JsonNode scaledObject(List<JsonNode> scaledObjects, String stage) {
        return named(scaledObjects, name(stage));
    }

    private static List<JsonNode> kafkaTriggers(JsonNode scaledObject) {
        List<JsonNode> triggers = new ArrayList<>();
        scaledObject.at("/spec/triggers").forEach(t -> {
            if (t.path("type").asText().equals("kafka")) {
                triggers.add(t);
            }
        });
        assertThat(triggers).as("Kafka triggers of %s", scaledObject.at("/metadata/name").asText()).isNotEmpty();
        return triggers;
    }

    /** consumerGroup -> topics, over a ScaledObject's Kafka triggers. */
    private static Map<String, Set<String>> lagTriggers(JsonNode scaledObject) {
        Map<String, Set<String>> groups = new TreeMap<>();
        for (JsonNode trigger : kafkaTriggers(scaledObject)) {
            groups.computeIfAbsent(trigger.at("/metadata/consumerGroup").asText(), g -> new TreeSet<>())
                .add(trigger.at("/metadata/topic").asText());
        }
        return groups;
    }

    /** parameter -> secret/key of a TriggerAuthentication's secretTargetRef. */
    private static Map<String, String> secretRefs(JsonNode authentication) {
        Map<String, String> refs = new TreeMap<>();
        authentication.at("/spec/secretTargetRef")
            .forEach(ref -> refs.put(ref.path("parameter").asText(),
                    ref.path("name").asText() + "/" + ref.path("key").asText()));
        return refs;
    }

    /**
     * The pods' bootstrap servers as KEDA's operator, in its own namespace, resolves
     * them.
     */
    private static String reachableFromAnotherNamespace(String bootstrapServers) {
        return Stream.of(bootstrapServers.split(",")).map(server -> {
            String host = server.substring(0, server.lastIndexOf(':'));
            return host.contains(".") ? server
                    : host + "." + RenderedChart.NAMESPACE + ".svc" + server.substring(server.lastIndexOf(':'));
        }).collect(Collectors.joining(","));
    }

}
