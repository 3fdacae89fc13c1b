package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.RenderedChart.Variant.DEFAULTS;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.EXTERNAL_KAFKA;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.EXTERNAL_SERVICES;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.NETWORK_POLICIES_OFF;
import static io.kafkarestaurants.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kafkarestaurants.deploy.NetworkPolicyEdges.Endpoint;
import io.kafkarestaurants.deploy.RenderedChart.Variant;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * helm/kafka-restaurants: linted (--strict) and rendered with helm-java over the values
 * matrix (defaults, NetworkPolicies off, mocks off with an external bank and SMTP, an
 * external Kafka), then every rendered object is parsed into the Kubernetes model and
 * held to what the issue asks of it.
 */
class HelmChartTest {

    static final List<String> ROLES = List.of("api", "transactions", "email");
    static final Set<String> STANDARD_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/managed-by", "helm.sh/chart");

    @Test
    void theChartReadsTheCatalogTheBankStubsAndTheNginxTemplateThroughSymlinksNotCopies() throws IOException {
        Path files = DeployFiles.CHART.resolve("files");

        try (Stream<Path> entries = Files.list(files)) {
            assertThat(entries).allSatisfy(entry -> assertThat(Files.isSymbolicLink(entry))
                .as("%s is a symlink to the datum's one home", entry)
                .isTrue());
        }
        assertThat(files.resolve("restaurants.json").toRealPath()).isEqualTo(DeployFiles.CATALOG.toRealPath());
        assertThat(files.resolve("bank").toRealPath()).isEqualTo(DeployFiles.BANK_MOCK.toRealPath());
        assertThat(files.resolve("nginx/default.conf.template").toRealPath())
            .isEqualTo(DeployFiles.NGINX_TEMPLATE.toRealPath());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void lintsStrictlyWithoutWarnings(Variant variant) {
        LintResult lint = RenderedChart.lint(variant);

        assertThat(lint.isFailed()).as("helm lint --strict failed: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void rendersKnownKindsWithKnownFieldsOnly(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        Map<String, Long> counts = new TreeMap<>(
                chart.objects.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting())));

        System.out.printf("rendered %s: %d objects %s + %d helm test pod(s)%n", variant, chart.objects.size(), counts,
                chart.testPods.size());
        assertThat(chart.problems).as("unknown fields, wrong apiVersions").isEmpty();
        assertThat(chart.testPods).hasSize(1);
        assertThat(chart.objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()))
            .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyWorkloadIsProbedSizedHardenedAndLabelled(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        List<Deployment> deployments = chart.all(Deployment.class);

        assertThat(deployments).isNotEmpty();
        for (Deployment deployment : deployments) {
            String name = "Deployment " + deployment.getMetadata().getName();
            PodTemplateSpec template = deployment.getSpec().getTemplate();
            assertThat(deployment.getMetadata().getLabels()).as(name)
                .containsKeys(STANDARD_LABELS.toArray(String[]::new));
            assertThat(template.getMetadata().getLabels()).as(name + " pods")
                .containsKeys(STANDARD_LABELS.toArray(String[]::new))
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertHardened(name, template.getSpec());
            for (Container container : template.getSpec().getContainers()) {
                assertThat(container.getLivenessProbe()).as(name + " liveness probe").isNotNull();
                assertThat(container.getReadinessProbe()).as(name + " readiness probe").isNotNull();
            }
        }
        for (var pod : chart.testPods) {
            assertThat(pod.getMetadata().getLabels()).containsKeys(STANDARD_LABELS.toArray(String[]::new));
            assertHardened("helm test pod", pod.getSpec());
        }
        assertThat(chart.objects).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
            .as("%s %s", object.getKind(), object.getMetadata().getName())
            .containsKeys(STANDARD_LABELS.toArray(String[]::new)));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theRolesProbeSpringBootsLivenessAndReadinessGroups(Variant variant) {
        for (String role : ROLES) {
            Container routes = container(RenderedChart.of(variant).deployment(role));
            assertThat(routes.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(routes.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(routes.getStartupProbe()).isNotNull();
            assertThat(routes.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("http:" + env(routes).get("SERVER_PORT"));
            assertThat(env(routes)).containsEntry("SERVER_ADDRESS", "0.0.0.0").containsEntry("RESTAURANTS_ROLES", role);
        }
    }

    @Test
    void theCatalogConfigMapIsConfigRestaurantsJsonMountedWhereTheApiReadsIt() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);
        ConfigMap catalog = chart.named(ConfigMap.class, name("catalog"));
        Container api = container(chart.deployment("api"));
        String catalogPath = env(api).get("CATALOG_PATH");

        assertThat(catalog.getData()).containsOnlyKeys("restaurants.json");
        assertThat(catalog.getData().get("restaurants.json")).isEqualTo(DeployFiles.text(DeployFiles.CATALOG));
        assertThat(catalogPath)
            .isEqualTo(mountPath(chart.deployment("api"), api, catalog.getMetadata().getName()) + "/restaurants.json");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theApisOrderViewKeepsItsStoreInASizedEmptyDirAndForgetsOrdersAfterTheRetention(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        JsonNode orderView = DeployFiles.yaml(DeployFiles.CHART.resolve("values.yaml")).at("/routes/api/orderView");
        Deployment api = chart.deployment("api");
        Container routes = container(api);
        String stateDir = env(routes).get("ORDER_VIEW_STATE_DIR");

        assertThat(env(routes)).containsEntry("ORDER_RETENTION", orderView.path("retention").asText());
        assertThat(stateDir).isNotBlank();
        assertThat(writableMounts(api, routes)).contains(stateDir);
        String volume = routes.getVolumeMounts()
            .stream()
            .filter(m -> m.getMountPath().equals(stateDir))
            .map(VolumeMount::getName)
            .findFirst()
            .orElseThrow();
        assertThat(volume(api, volume).getEmptyDir().getSizeLimit())
            .isEqualTo(new Quantity(orderView.path("sizeLimit").asText()));
        for (String stage : List.of("transactions", "email")) {
            assertThat(env(container(chart.deployment(stage)))).doesNotContainKeys("ORDER_RETENTION",
                    "ORDER_VIEW_STATE_DIR");
        }
    }

    @Test
    void testOrdersRunOnlyBesideTheBankMockWithTheCardsOfItsMappings() throws IOException {
        Map<String, String> withMock = env(container(RenderedChart.of(DEFAULTS).deployment("api")));
        List<String> mappings;
        try (var files = Files.list(DeployFiles.CHART.resolve("files/bank/mappings"))) {
            mappings = files.map(file -> file.getFileName().toString()).toList();
        }
        assertThat(withMock).containsEntry("FLOW_TEST_ORDERS_ENABLED", "true");
        assertThat(mappings)
            .anyMatch(name -> name
                .matches("\\d+-card-" + withMock.get("FLOW_TEST_ORDERS_APPROVED_CARD") + "-approved\\.json"))
            .anyMatch(name -> name
                .matches("\\d+-card-" + withMock.get("FLOW_TEST_ORDERS_DECLINED_CARD") + "-declined\\.json"));

        Map<String, String> production = env(container(RenderedChart.of(EXTERNAL_SERVICES).deployment("api")));
        assertThat(production).containsEntry("FLOW_TEST_ORDERS_ENABLED", "false")
            .doesNotContainKeys("FLOW_TEST_ORDERS_APPROVED_CARD", "FLOW_TEST_ORDERS_DECLINED_CARD");
        for (String stage : List.of("transactions", "email")) {
            assertThat(env(container(RenderedChart.of(DEFAULTS).deployment(stage))))
                .doesNotContainKey("FLOW_TEST_ORDERS_ENABLED");
        }
    }

    @Test
    void theOrderRetentionIsAValueAndMustBeADuration() {
        String rendered = RenderedChart.template(DeployFiles.CHART, null,
                c -> c.set("routes.api.orderView.retention", "7d").set("routes.api.orderView.sizeLimit", "5Gi"));
        Deployment api = deployment(rendered, "api");

        assertThat(env(container(api))).containsEntry("ORDER_RETENTION", "7d");
        assertThat(volume(api, "order-view").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("5Gi"));
        assertThatThrownBy(() -> RenderedChart.template(DeployFiles.CHART, null,
                c -> c.set("routes.api.orderView.retention", "30 days")))
            .hasMessageContaining("retention");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = { "DEFAULTS", "EXTERNAL_KAFKA" })
    void theBankMockServesTheStubsOfMocksBank(Variant variant) throws IOException {
        RenderedChart chart = RenderedChart.of(variant);
        Deployment bank = chart.deployment("bank-mock");
        Container wiremock = container(bank);

        assertThat(chart.named(ConfigMap.class, name("bank-mappings")).getData())
            .isEqualTo(filesOf(DeployFiles.BANK_MOCK.resolve("mappings")));
        assertThat(chart.named(ConfigMap.class, name("bank-files")).getData())
            .isEqualTo(filesOf(DeployFiles.BANK_MOCK.resolve("__files")));
        String root = wiremock.getArgs().get(wiremock.getArgs().indexOf("--root-dir") + 1);
        assertThat(mountPath(bank, wiremock, name("bank-mappings"))).isEqualTo(root + "/mappings");
        assertThat(mountPath(bank, wiremock, name("bank-files"))).isEqualTo(root + "/__files");
        assertThat(wiremock.getImage()).isEqualTo(BankMockImageTest.IMAGE + ":" + Versions.appVersion());
        assertThat(wiremock.getArgs()).containsSubsequence("--extensions", BankMockImageTest.EXTENSION);
    }

    /**
     * The journal would keep every charge's body, the card number in clear: off unless
     * asked for, to debug.
     */
    @Test
    void theBankMockKeepsNoRequestJournalUnlessOneIsAskedFor() {
        assertThat(container(RenderedChart.of(DEFAULTS).deployment("bank-mock")).getArgs())
            .contains("--no-request-journal", "--disable-request-logging")
            .doesNotContain("--max-request-journal");

        String rendered = RenderedChart.template(DeployFiles.CHART, null,
                c -> c.set("bank.mock.requestJournalSize", 200));
        assertThat(container(deployment(rendered, "bank-mock")).getArgs())
            .containsSubsequence("--max-request-journal", "200")
            .doesNotContain("--no-request-journal");
    }

    /**
     * The Deployment of a component in a chart rendered with settings of a test's own.
     */
    private static Deployment deployment(String rendered, String component) {
        return DeployFiles.documents(rendered)
            .stream()
            .filter(d -> d.path("kind").asText().equals("Deployment")
                    && d.at("/metadata/name").asText().equals(name(component)))
            .map(d -> DeployFiles.YAML.convertValue(d, Deployment.class))
            .findFirst()
            .orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theSiteRendersTheFrontendsNginxTemplateWithEveryVariableSetAndProxiesToTheApi(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        Deployment frontend = chart.deployment("frontend");
        Container nginx = container(frontend);
        String template = DeployFiles.text(DeployFiles.NGINX_TEMPLATE);
        Service api = chart.named(Service.class, name("api"));
        Set<String> variables = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}").matcher(template);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }

        assertThat(chart.named(ConfigMap.class, name("nginx")).getData())
            .containsExactly(Map.entry("default.conf.template", template));
        assertThat(mountPath(frontend, nginx, name("nginx"))).isEqualTo("/etc/nginx/templates");
        assertThat(variables).isNotEmpty();
        assertThat(env(nginx)).containsKeys(variables.toArray(String[]::new))
            .containsEntry("API_UPSTREAM",
                    api.getMetadata().getName() + ":" + api.getSpec().getPorts().get(0).getPort())
            .containsEntry("LISTEN_PORT", String.valueOf(nginx.getPorts().get(0).getContainerPort()));
        assertThat(writableMounts(frontend, nginx)).contains("/etc/nginx/conf.d", "/tmp");
    }

    @Test
    void eachRoleUsesTheTopicsGroupsAndKafkaUserThatStrimziDefines() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);
        StrimziResourcesTest.Applied strimzi = StrimziResourcesTest.Applied.of("production");
        Kafka kafka = strimzi.kafka();
        Map<String, KafkaUser> users = strimzi.users()
            .stream()
            .collect(Collectors.toMap(u -> u.getMetadata().getName(), u -> u));
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:"
                + StrimziResourcesTest.clientListener(kafka).getPort();

        for (String role : ROLES) {
            Deployment deployment = chart.deployment(role);
            Container routes = container(deployment);
            Map<String, String> env = env(routes);
            String userSecret = secretRef(routes, "CAMEL_COMPONENT_KAFKA_SASLJAASCONFIG");
            KafkaUser user = users.get(userSecret);

            assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
                .containsEntry("CAMEL_COMPONENT_KAFKA_SECURITYPROTOCOL", "SASL_SSL")
                .containsEntry("CAMEL_COMPONENT_KAFKA_SASLMECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_ADMIN_AUTOCREATE", "false");
            assertThat(user).as("KafkaUser %s of role %s", userSecret, role).isNotNull();
            assertThat(secretRef(routes, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).isEqualTo(userSecret);
            assertThat(StrimziResourcesTest.acls(user)).as("ACLs of %s against what role %s uses", userSecret, role)
                .isEqualTo(AppKafkaUsage.withEnvironment(env).usage(role));
            assertThat(volume(deployment, "kafka-ca").getSecret().getSecretName())
                .isEqualTo(kafka.getMetadata().getName() + "-cluster-ca-cert");
            assertThat(env.get("CAMEL_COMPONENT_KAFKA_SSLTRUSTSTORELOCATION"))
                .startsWith(mountPath(deployment, routes, "kafka-ca") + "/");
        }
    }

    @Test
    void theTransactionsRoleScalesNoFurtherThanTheOrderTopicHasPartitions() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);
        HorizontalPodAutoscaler transactions = chart.named(HorizontalPodAutoscaler.class, name("transactions"));
        Map<String, String> env = env(container(chart.deployment("transactions")));
        String orderTopic = AppKafkaUsage.withEnvironment(env).property("restaurants.topics.order");
        KafkaTopic order = StrimziResourcesTest.Applied.of("production")
            .topics()
            .stream()
            .filter(t -> StrimziResourcesTest.topicName(t).equals(orderTopic))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no KafkaTopic for the order topic " + orderTopic));

        // One Kafka consumer per stage and pod: pods beyond the partitions would get
        // none.
        assertThat(transactions.getSpec().getMaxReplicas()).isLessThanOrEqualTo(order.getSpec().getPartitions());
        assertThat(Integer.parseInt(env.get("CONSUMER_CONCURRENCY"))).isPositive();
    }

    @Test
    void anExternalKafkaGetsPlainClientsThatCreateTheirTopicsAndNoStrimziSecrets() {
        RenderedChart chart = RenderedChart.of(EXTERNAL_KAFKA);
        JsonNode values = DeployFiles.yaml(EXTERNAL_KAFKA.valuesFile()).path("kafka");

        for (String role : ROLES) {
            Deployment deployment = chart.deployment(role);
            Container routes = container(deployment);
            assertThat(env(routes)).containsEntry("KAFKA_BOOTSTRAP_SERVERS", values.path("bootstrapServers").asText())
                .containsEntry("CAMEL_COMPONENT_KAFKA_SECURITYPROTOCOL", "PLAINTEXT")
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                .containsEntry("SPRING_KAFKA_ADMIN_AUTOCREATE", "true")
                .containsEntry("TOPIC_REPLICATION_FACTOR", values.path("topics").path("replicationFactor").asText())
                .doesNotContainKeys("CAMEL_COMPONENT_KAFKA_SASLMECHANISM",
                        "CAMEL_COMPONENT_KAFKA_SSLTRUSTSTORELOCATION");
            assertThat(routes.getEnv()).noneMatch(e -> e.getName().contains("SASL") || e.getName().contains("SSL"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getName)
                .doesNotContain("kafka-ca", "kafka-user");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void eachRoleGetsWhatItsRoutesNeedAndTheCardKeysOnlyWhereCardsAreSealedOrOpened(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        Secret cardKeys = chart.named(Secret.class, name("card-key"));

        assertThat(cardKeys.getMetadata().getAnnotations()).as("uninstall keeps the keys orders on Kafka need")
            .containsEntry("helm.sh/resource-policy", "keep");
        for (String role : ROLES) {
            Container routes = container(chart.deployment(role));
            boolean sealsOrOpens = !role.equals("email");
            assertThat(routes.getEnv().stream().map(EnvVar::getName).filter(n -> n.startsWith("CARD_")))
                .as("role %s", role)
                .containsExactlyInAnyOrderElementsOf(
                        sealsOrOpens ? List.of("CARD_KEYS", "CARD_ACTIVE_KEY_ID") : List.of());
            if (sealsOrOpens) {
                assertThat(secretRef(routes, "CARD_KEYS")).isEqualTo(cardKeys.getMetadata().getName());
                assertThat(secretRef(routes, "CARD_ACTIVE_KEY_ID")).isEqualTo(cardKeys.getMetadata().getName());
            }
        }
        Map<String, String> transactions = env(container(chart.deployment("transactions")));
        Map<String, String> email = env(container(chart.deployment("email")));
        if (variant == EXTERNAL_SERVICES) {
            JsonNode values = DeployFiles.yaml(EXTERNAL_SERVICES.valuesFile());
            assertThat(transactions).containsEntry("BANK_URL", values.path("bank").path("url").asText());
            assertThat(email).containsEntry("SMTP_HOST", values.path("smtp").path("host").asText())
                .containsEntry("SMTP_PORT", values.path("smtp").path("port").asText());
            assertThat(secretRef(container(chart.deployment("email")), "CAMEL_COMPONENT_MAIL_PASSWORD"))
                .isEqualTo(values.path("smtp").path("existingSecret").asText());
            assertThat(chart.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .doesNotContain(name("bank-mock"), name("maildev"));
        }
        else {
            Service bank = chart.named(Service.class, name("bank-mock"));
            Service maildev = chart.named(Service.class, name("maildev"));
            assertThat(transactions).containsEntry("BANK_URL",
                    "http://" + bank.getMetadata().getName() + ":" + bank.getSpec().getPorts().get(0).getPort());
            assertThat(email).containsEntry("SMTP_HOST", maildev.getMetadata().getName())
                .containsEntry("SMTP_PORT", String.valueOf(port(maildev, "smtp")));
            assertThat(container(chart.deployment("maildev")).getImage())
                .isEqualTo("maildev/maildev:" + Versions.maildev());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = { "DEFAULTS", "EXTERNAL_SERVICES", "EXTERNAL_KAFKA" })
    void networkPoliciesAllowExactlyTheEdgesOfThePictureAndDns(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            endpoints.add(Endpoint.pod(component(deployment.getSpec().getTemplate().getMetadata().getLabels()),
                    RenderedChart.NAMESPACE, deployment.getSpec().getTemplate().getMetadata().getLabels(),
                    ports(container(deployment))));
        }
        var test = chart.testPods.get(0);
        endpoints.add(Endpoint.pod("test", RenderedChart.NAMESPACE, test.getMetadata().getLabels(), Set.of()));
        // A broker pod of the Strimzi cluster, with the labels Strimzi gives it.
        endpoints.add(Endpoint.pod("kafka", RenderedChart.NAMESPACE, Map.of("strimzi.io/cluster", "kafka-restaurants",
                "strimzi.io/kind", "Kafka", "strimzi.io/broker-role", "true"), Set.of("TCP/9093")));
        endpoints.add(Endpoint.pod("dns", "kube-system", Map.of("k8s-app", "kube-dns"), Set.of("UDP/53", "TCP/53")));
        endpoints.add(Endpoint.outside(Set.of("TCP/443", "TCP/587", "TCP/9092", "TCP/9093", "TCP/8080", "TCP/4318")));
        // An ingress-nginx controller pod, the controller the production values name.
        endpoints
            .add(Endpoint.pod("ingress", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Set.of()));

        Set<String> notOurs = Set.of("kafka", "dns", "outside", "ingress");
        boolean behindAnIngress = !chart.all(Ingress.class).isEmpty();
        Set<String> edges = new NetworkPolicyEdges(chart.all(NetworkPolicy.class), RenderedChart.NAMESPACE)
            .edges(endpoints)
            .stream()
            .filter(edge -> !notOurs.contains(edge.substring(0, edge.indexOf("->")))
                    || !notOurs.contains(edge.substring(edge.indexOf("->") + 2, edge.lastIndexOf(':'))))
            .collect(Collectors.toCollection(TreeSet::new));

        Set<String> expected = new TreeSet<>(List.of("frontend->api:TCP/8080", "test->frontend:TCP/8080"));
        for (Endpoint endpoint : endpoints) {
            if (notOurs.contains(endpoint.name())) {
                if (!behindAnIngress || endpoint.name().equals("ingress")) {
                    expected.add(endpoint.name() + "->frontend:TCP/8080");
                }
            }
            else {
                expected.add(endpoint.name() + "->dns:UDP/53");
                expected.add(endpoint.name() + "->dns:TCP/53");
            }
        }
        for (String role : ROLES) {
            expected.add(variant == EXTERNAL_KAFKA ? role + "->outside:TCP/9092" : role + "->kafka:TCP/9093");
        }
        if (variant == EXTERNAL_SERVICES) {
            expected.addAll(List.of("transactions->outside:TCP/443", "email->outside:TCP/587"));
            ROLES.forEach(role -> expected.add(role + "->outside:TCP/4318"));
        }
        else {
            expected.addAll(List.of("transactions->bank-mock:TCP/8080", "email->maildev:TCP/1025"));
        }
        assertThat(edges).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theRolesExportSpansOnlyToTheCollectorTheValuesName(Variant variant) {
        String endpoint = variant.valuesFile() == null ? ""
                : DeployFiles.yaml(variant.valuesFile()).path("tracing").path("otlpEndpoint").asText("");
        RenderedChart chart = RenderedChart.of(variant);

        for (String role : ROLES) {
            Map<String, String> env = env(container(chart.deployment(role)));
            if (endpoint.isEmpty()) {
                assertThat(env).as("role %s", role).doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
            }
            else {
                assertThat(env).as("role %s", role).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            }
        }
        assertThat(!endpoint.isEmpty()).as("the values matrix sets an endpoint in one variant")
            .isEqualTo(variant == EXTERNAL_SERVICES);
    }

    @Test
    void networkPoliciesCanBeLeftOut() {
        assertThat(RenderedChart.of(NETWORK_POLICIES_OFF).all(NetworkPolicy.class)).isEmpty();
        assertThat(RenderedChart.of(DEFAULTS).all(NetworkPolicy.class)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theSiteIsTheOnlyLoadBalancerAndTheApiTransactionsAndSiteAutoscaleWithinDisruptionBudgets(Variant variant) {
        RenderedChart chart = RenderedChart.of(variant);
        Map<String, Deployment> deployments = chart.all(Deployment.class)
            .stream()
            .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));

        boolean behindAnIngress = !chart.all(Ingress.class).isEmpty();
        assertThat(chart.all(Service.class)).allSatisfy(service -> assertThat(service.getSpec().getType())
            .isEqualTo(service.getMetadata().getName().equals(name("frontend")) && !behindAnIngress ? "LoadBalancer"
                    : "ClusterIP"));
        List<String> scaledByKeda = chart.custom("ScaledObject")
            .stream()
            .map(o -> o.at("/spec/scaleTargetRef/name").asText())
            .toList();
        List<String> scaled = new ArrayList<>(scaledByKeda);
        chart.all(HorizontalPodAutoscaler.class).forEach(h -> scaled.add(h.getSpec().getScaleTargetRef().getName()));
        assertThat(scaled).as("Deployments an HPA or a ScaledObject scales, each once")
            .doesNotHaveDuplicates()
            .containsAll(List.of(name("api"), name("transactions"), name("frontend")))
            .isSubsetOf(name("api"), name("transactions"), name("email"), name("frontend"));
        for (String scaledName : scaled) {
            Deployment target = deployments.get(scaledName);
            assertThat(target).isNotNull();
            assertThat(target.getSpec().getReplicas()).as("replicas of %s are its autoscaler's", scaledName).isNull();
        }
        assertThat(deployments.get(name("email")).getSpec().getReplicas() == null)
            .isEqualTo(scaledByKeda.contains(name("email")));
        for (HorizontalPodAutoscaler hpa : chart.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        }
        assertThat(chart.all(PodDisruptionBudget.class)).extracting(p -> p.getMetadata().getName())
            .containsExactlyInAnyOrder(name("api"), name("transactions"), name("email"), name("frontend"));
        for (PodDisruptionBudget pdb : chart.all(PodDisruptionBudget.class)) {
            assertThat(deployments.get(pdb.getMetadata().getName()).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        }
        for (Service service : chart.all(Service.class)) {
            assertThat(deployments.values()).as("pods behind Service %s", service.getMetadata().getName())
                .anySatisfy(d -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector()));
        }
    }

    @Test
    void theHelmTestSearchesTheCatalogThroughTheSitesService() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);
        Container search = chart.testPods.get(0).getSpec().getContainers().get(0);
        Service frontend = chart.named(Service.class, name("frontend"));
        JsonNode first = DeployFiles.yaml(DeployFiles.CATALOG).path("restaurants").get(0);

        assertThat(env(search))
            .containsEntry("SEARCH_URL",
                    "http://" + frontend.getMetadata().getName() + ":" + frontend.getSpec().getPorts().get(0).getPort()
                            + "/api/search?restaurant_name="
                            + URLEncoder.encode(first.path("name").asText(), StandardCharsets.UTF_8))
            .containsEntry("EXPECTED_ID", first.path("id").asText());
        assertThat(String.join(" ", search.getCommand())).contains("$SEARCH_URL").contains("$EXPECTED_ID");
    }

    @Test
    void theNotesSayHowToReachTheSiteAndTheInbox() {
        String output = new Helm(DeployFiles.CHART).install()
            .withName(RenderedChart.RELEASE)
            .withNamespace(RenderedChart.NAMESPACE)
            .withKubeVersion(RenderedChart.KUBE_VERSION)
            .dryRun()
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly()
            .call()
            .getOutput();
        String notes = output.substring(output.indexOf("NOTES:"));

        assertThat(notes).contains("kubectl port-forward -n kafka-restaurants service/" + name("frontend"))
            .contains("kubectl get service -n kafka-restaurants " + name("frontend"))
            .contains("kubectl port-forward -n kafka-restaurants service/" + name("maildev") + " 1080:1080")
            .contains("helm test -n kafka-restaurants " + RenderedChart.RELEASE);
    }

    @Test
    void anImageDigestPinsTheImageBesideItsTag() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        String rendered = RenderedChart.template(DeployFiles.CHART, null,
                c -> c.set("routes.image.digest", digest).set("smtp.mock.image.digest", digest));
        Map<String, String> images = DeployFiles.documents(rendered)
            .stream()
            .filter(d -> d.path("kind").asText().equals("Deployment"))
            .collect(Collectors.toMap(d -> d.at("/metadata/name").asText(),
                    d -> d.at("/spec/template/spec/containers/0/image").asText()));

        assertThat(images.get(name("api")))
            .isEqualTo("kafka-restaurants/routes:" + Versions.appVersion() + "@" + digest);
        assertThat(images.get(name("maildev"))).isEqualTo("maildev/maildev:" + Versions.maildev() + "@" + digest);
        assertThat(images.get(name("frontend"))).doesNotContain("@");
        assertThatThrownBy(
                () -> RenderedChart.template(DeployFiles.CHART, null, c -> c.set("routes.image.digest", "latest")))
            .hasMessageContaining("digest");
    }

    @Test
    void everyValueHasACommentAndTheSchemaRejectsUnknownOrWeakenedValues() {
        List<String> uncommented = uncommentedValues(DeployFiles.text(DeployFiles.CHART.resolve("values.yaml")));

        assertThat(uncommented).as("values without a comment").isEmpty();
        assertThatThrownBy(
                () -> RenderedChart.template(DeployFiles.CHART, null, c -> c.set("routes.api.replicaCont", 3)))
            .hasMessageContaining("replicaCont");
        assertThatThrownBy(() -> RenderedChart.template(DeployFiles.CHART, null,
                c -> c.set("containerSecurityContext.readOnlyRootFilesystem", false)))
            .hasMessageContaining("readOnlyRootFilesystem");
        assertThatThrownBy(
                () -> RenderedChart.template(DeployFiles.CHART, null, c -> c.set("bank.mock.enabled", false)))
            .as("the real bank needs its https:// url")
            .hasMessageContaining("/bank/url");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertHardened(String name, PodSpec pod) {
        assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runAsUser").isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccomp")
            .isEqualTo("RuntimeDefault");
        for (Container container : pod.getContainers()) {
            String what = name + " container " + container.getName();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(what).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(what).isTrue();
            assertThat(container.getSecurityContext().getRunAsNonRoot()).as(what).isTrue();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(what).containsExactly("ALL");
            assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(what).isNullOrEmpty();
            assertThat(container.getSecurityContext().getPrivileged()).as(what).isNotEqualTo(true);
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertThat(requests).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(what + " limits").containsKeys("cpu", "memory");
            assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
        }
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** Literal environment variables (not the ones from Secrets). */
    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            assertThat(env).as("%s is set twice", var.getName()).doesNotContainKey(var.getName());
            if (var.getValueFrom() == null) {
                env.put(var.getName(), Objects.requireNonNullElse(var.getValue(), ""));
            }
        }
        return env;
    }

    static String secretRef(Container container, String variable) {
        return container.getEnv()
            .stream()
            .filter(e -> e.getName().equals(variable))
            .findFirst()
            .map(e -> e.getValueFrom().getSecretKeyRef().getName())
            .orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
    }

    private static Volume volume(Deployment deployment, String name) {
        return deployment.getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .stream()
            .filter(v -> v.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no volume " + name));
    }

    /**
     * Where the volume of this ConfigMap (or with this name) is mounted in the container.
     */
    private static String mountPath(Deployment deployment, Container container, String configMapOrVolume) {
        String volume = deployment.getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .stream()
            .filter(v -> v.getName().equals(configMapOrVolume)
                    || (v.getConfigMap() != null && v.getConfigMap().getName().equals(configMapOrVolume)))
            .map(Volume::getName)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume of " + configMapOrVolume));
        return container.getVolumeMounts()
            .stream()
            .filter(m -> m.getName().equals(volume))
            .map(VolumeMount::getMountPath)
            .findFirst()
            .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    private static Set<String> writableMounts(Deployment deployment, Container container) {
        Set<String> emptyDirs = new HashSet<>();
        deployment.getSpec()
            .getTemplate()
            .getSpec()
            .getVolumes()
            .stream()
            .filter(v -> v.getEmptyDir() != null)
            .forEach(v -> emptyDirs.add(v.getName()));
        return container.getVolumeMounts()
            .stream()
            .filter(m -> emptyDirs.contains(m.getName()))
            .map(VolumeMount::getMountPath)
            .collect(Collectors.toSet());
    }

    private static Map<String, String> filesOf(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Set<String> ports(Container container) {
        return container.getPorts()
            .stream()
            .map(p -> p.getProtocol() + "/" + p.getContainerPort())
            .collect(Collectors.toSet());
    }

    private static int port(Service service, String name) {
        return service.getSpec()
            .getPorts()
            .stream()
            .filter(p -> p.getName().equals(name))
            .mapToInt(ServicePort::getPort)
            .findFirst()
            .orElseThrow();
    }

    private static String component(Map<String, String> labels) {
        return labels.get("app.kubernetes.io/component");
    }

    /**
     * Keys of values.yaml that hold a value (not a section of other keys) and have no
     * comment: neither on the line above nor on an enclosing key (a map or list given
     * whole as a default is documented once, above its key).
     */
    static List<String> uncommentedValues(String values) {
        Pattern key = Pattern.compile("^(\\s*)([A-Za-z][\\w./-]*):(.*)$");
        List<String> lines = values.lines().toList();
        List<int[]> enclosing = new ArrayList<>();
        List<String> uncommented = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = key.matcher(lines.get(i));
            if (!matcher.matches()) {
                continue;
            }
            int indent = matcher.group(1).length();
            enclosing.removeIf(k -> k[0] >= indent);
            int previous = i - 1;
            while (previous >= 0 && lines.get(previous).isBlank()) {
                previous--;
            }
            boolean commented = previous >= 0 && lines.get(previous).trim().startsWith("#");
            boolean documented = commented || enclosing.stream().anyMatch(k -> k[1] == 1);
            boolean section = matcher.group(3).trim().isEmpty();
            if (!section && !documented) {
                uncommented.add((i + 1) + ": " + lines.get(i).trim());
            }
            enclosing.add(new int[] { indent, documented ? 1 : 0 });
        }
        return uncommented;
    }

}
