package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkarestaurants.deploy.AppKafkaUsage.Resource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerType;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * strimzi/: what `kubectl apply -k strimzi/<variant>` applies, parsed with the Strimzi
 * API model (io.strimzi:api, the 0.51 line the README names) and checked field by field
 * against the application's own configuration.
 */
class StrimziResourcesTest {

    static final String API_VERSION = "kafka.strimzi.io/v1";

    /** The Kafka versions Strimzi 0.51 runs. */
    static final Set<String> SUPPORTED_KAFKA = Set.of("4.1.0", "4.1.1", "4.2.0");

    /** One applied variant, parsed. */
    record Applied(List<Kafka> kafkas, List<KafkaNodePool> pools, List<KafkaTopic> topics, List<KafkaUser> users,
            List<String> problems) {

        static Applied of(String variant) {
            List<String> problems = new ArrayList<>();
            List<Kafka> kafkas = new ArrayList<>();
            List<KafkaNodePool> pools = new ArrayList<>();
            List<KafkaTopic> topics = new ArrayList<>();
            List<KafkaUser> users = new ArrayList<>();
            for (JsonNode document : Kustomization.build(DeployFiles.STRIMZI.resolve(variant))) {
                String kind = document.path("kind").asText();
                if (!API_VERSION.equals(document.path("apiVersion").asText())) {
                    problems.add(kind + " " + document.path("metadata").path("name").asText() + " is "
                            + document.path("apiVersion").asText() + ", not " + API_VERSION);
                }
                switch (kind) {
                    case "Kafka" -> kafkas.add(UnknownFields.parse(document, Kafka.class, problems));
                    case "KafkaNodePool" -> pools.add(UnknownFields.parse(document, KafkaNodePool.class, problems));
                    case "KafkaTopic" -> topics.add(UnknownFields.parse(document, KafkaTopic.class, problems));
                    case "KafkaUser" -> users.add(UnknownFields.parse(document, KafkaUser.class, problems));
                    default -> problems.add("unexpected kind " + kind);
                }
            }
            return new Applied(kafkas, pools, topics, users, problems);
        }

        Kafka kafka() {
            assertThat(kafkas).as("one Kafka cluster").hasSize(1);
            return kafkas.get(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production", "dev-external" })
    void everyResourceIsAStrimziV1ResourceWithKnownFieldsOnly(String variant) {
        Applied applied = Applied.of(variant);

        assertThat(applied.problems()).as("apiVersion, unknown and deprecated fields in strimzi/%s", variant).isEmpty();
        assertThat(applied.kafkas()).hasSize(1);
        assertThat(applied.topics()).isNotEmpty();
        assertThat(applied.users()).isNotEmpty();
    }

    @Test
    void theUnknownFieldWalkCatchesAMisspeltAndARemovedField() throws Exception {
        JsonNode user = DeployFiles.YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata:
                  name: u
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patterType: literal}
                        operation: Read
                """);
        List<String> problems = new ArrayList<>();

        UnknownFields.parse(user, KafkaUser.class, problems);

        assertThat(problems).hasSize(2)
            .anySatisfy(p -> assertThat(p).contains("acls[0].resource").contains("patterType"))
            .anySatisfy(p -> assertThat(p).contains("acls[0].operation").contains("deprecated"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production", "dev-external" })
    void theClusterRunsKafkaOfTheLocalStackInKraftWithNodePoolsTlsScramAndAcls(String variant) {
        Applied applied = Applied.of(variant);
        Kafka kafka = applied.kafka();
        String cluster = kafka.getMetadata().getName();

        assertThat(kafka.getSpec().getKafka().getVersion()).isIn(SUPPORTED_KAFKA).isEqualTo(Versions.localKafka());
        assertThat(kafka.getSpec().getKafka().getReplicas()).as("replicas belong to node pools").isNull();
        assertThat(applied.pools()).isNotEmpty()
            .allSatisfy(
                    pool -> assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
        assertThat(applied.pools().stream().flatMap(p -> p.getSpec().getRoles().stream()).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        assertThat(kafka.getSpec().getKafka().getAuthorization()).isInstanceOf(KafkaAuthorizationSimple.class);
        assertThat(clientListener(kafka).isTls()).isTrue();
        assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
        assertThat(kafka.getSpec().getEntityOperator().getTopicOperator()).isNotNull();
        assertThat(kafka.getSpec().getEntityOperator().getUserOperator()).isNotNull();
        assertThat(applied.topics()).allSatisfy(
                topic -> assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
        assertThat(applied.users()).allSatisfy(
                user -> assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
    }

    @Test
    void productionReplicatesThreeWaysAndKeepsWritingWithOneBrokerDown() {
        Applied applied = Applied.of("production");
        Map<String, Object> config = applied.kafka().getSpec().getKafka().getConfig();

        assertThat(replicas(applied, ProcessRoles.CONTROLLER)).isEqualTo(3);
        assertThat(replicas(applied, ProcessRoles.BROKER)).isEqualTo(3);
        assertThat(applied.pools()).allSatisfy(pool -> assertThat(pool.getSpec().getRoles()).hasSize(1));
        assertThat(config).containsEntry("default.replication.factor", 3)
            .containsEntry("min.insync.replicas", 2)
            .containsEntry("offsets.topic.replication.factor", 3)
            .containsEntry("transaction.state.log.replication.factor", 3)
            .containsEntry("transaction.state.log.min.isr", 2);
        assertThat(applied.topics()).allSatisfy(topic -> assertThat(topic.getSpec().getReplicas()).isEqualTo(3));
    }

    @Test
    void devIsOneDualRoleNodeWithSingleReplicaTopics() {
        Applied applied = Applied.of("dev");
        Map<String, Object> config = applied.kafka().getSpec().getKafka().getConfig();

        assertThat(applied.pools()).singleElement().satisfies(pool -> {
            assertThat(pool.getSpec().getReplicas()).isEqualTo(1);
            assertThat(pool.getSpec().getRoles()).containsExactlyInAnyOrder(ProcessRoles.CONTROLLER,
                    ProcessRoles.BROKER);
        });
        assertThat(config).containsEntry("default.replication.factor", 1).containsEntry("min.insync.replicas", 1);
        assertThat(applied.topics()).allSatisfy(topic -> assertThat(topic.getSpec().getReplicas()).isEqualTo(1));
    }

    @Test
    void devExternalAddsAnAdvertisedListenerForClientsOutsideTheCluster() {
        Kafka dev = Applied.of("dev").kafka();
        Kafka external = Applied.of("dev-external").kafka();

        List<GenericKafkaListener> added = new ArrayList<>(external.getSpec().getKafka().getListeners());
        added.removeIf(listener -> dev.getSpec()
            .getKafka()
            .getListeners()
            .stream()
            .anyMatch(l -> l.getName().equals(listener.getName())));
        assertThat(added).singleElement().satisfies(listener -> {
            assertThat(listener.getType()).isIn(KafkaListenerType.NODEPORT, KafkaListenerType.LOADBALANCER);
            assertThat(listener.getAuth()).isInstanceOf(KafkaListenerAuthenticationScramSha512.class);
            assertThat(listener.getConfiguration().getBrokers()).isNotEmpty()
                .allSatisfy(broker -> assertThat(broker.getAdvertisedHost()).isNotBlank());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void thereIsAKafkaTopicForEveryTopicTheApplicationCreatesWithItsSettings(String variant) {
        Map<String, NewTopic> created = AppKafkaUsage.defaults().createdTopics();
        Map<String, KafkaTopic> topics = new TreeMap<>();
        Applied.of(variant).topics().forEach(t -> topics.put(topicName(t), t));

        assertThat(topics.keySet()).isEqualTo(created.keySet());
        for (NewTopic topic : created.values()) {
            KafkaTopic kafkaTopic = topics.get(topic.name());
            Map<String, String> config = new TreeMap<>();
            kafkaTopic.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
            Map<String, String> wanted = new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs());
            if (!wanted.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG)) {
                // The application leaves a deleting topic's retention to the broker's
                // default; Strimzi states it.
                assertThat(config).as("retention of %s", topic.name()).containsKey(TopicConfig.RETENTION_MS_CONFIG);
                wanted.putIfAbsent(TopicConfig.RETENTION_MS_CONFIG, config.get(TopicConfig.RETENTION_MS_CONFIG));
            }
            assertThat(config).as("config of KafkaTopic %s against the topic the application creates", topic.name())
                .isEqualTo(wanted);
            assertThat(kafkaTopic.getSpec().getPartitions()).as("partitions of %s", topic.name()).isPositive();
        }
    }

    @Test
    void orderStatusDropsTombstonesAndSupersededSnapshotsInBoundedTime() {
        AppKafkaUsage app = AppKafkaUsage.defaults();
        Map<String, String> config = app.createdTopics().get(app.property("restaurants.topics.order-status")).configs();
        long day = 24L * 60 * 60 * 1000;

        assertThat(config).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
            .containsKeys(TopicConfig.DELETE_RETENTION_MS_CONFIG, TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG);
        // The active segment is never compacted: it must roll well within the time a
        // record may wait to be.
        assertThat(Long.parseLong(config.get(TopicConfig.SEGMENT_MS_CONFIG))).isLessThanOrEqualTo(day)
            .isLessThan(Long.parseLong(config.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG)));
        assertThat(Long.parseLong(config.get(TopicConfig.DELETE_RETENTION_MS_CONFIG))).isGreaterThanOrEqualTo(day);
    }

    @Test
    void eachRoleHasAKafkaUserAllowedExactlyTheTopicsAndGroupsItsRoutesUse() {
        AppKafkaUsage app = AppKafkaUsage.defaults();
        Map<String, KafkaUser> users = new TreeMap<>();
        for (KafkaUser user : Applied.of("production").users()) {
            users.put(user.getMetadata().getLabels().get("app.kubernetes.io/component"), user);
        }

        assertThat(users.keySet()).isEqualTo(app.roles());
        for (String role : app.roles()) {
            KafkaUser user = users.get(role);
            assertThat(user.getSpec().getAuthentication()).isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
            assertThat(acls(user)).as("ACLs of KafkaUser %s (role %s)", user.getMetadata().getName(), role)
                .isEqualTo(app.usage(role));
        }
    }

    @Test
    void everyTopicARoleUsesHasAKafkaTopic() {
        AppKafkaUsage app = AppKafkaUsage.defaults();
        Set<String> topics = Applied.of("production")
            .topics()
            .stream()
            .map(StrimziResourcesTest::topicName)
            .collect(Collectors.toSet());

        for (String role : app.roles()) {
            assertThat(app.usage(role).keySet().stream().filter(r -> r.type().equals("topic")).map(Resource::name))
                .as("topics of role %s", role)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(topics).contains(t));
        }
    }

    /**
     * The ACLs of a KafkaUser in the form AppKafkaUsage derives: resource -> operations.
     */
    static Map<Resource, Set<String>> acls(KafkaUser user) {
        Map<Resource, Set<String>> acls = new TreeMap<>();
        KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
        for (AclRule rule : authorization.getAcls()) {
            assertThat(rule.getType()).as("only allow rules").isIn(null, AclRuleType.ALLOW);
            Resource resource;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                resource = new Resource("topic", topic.getName(), topic.getPatternType().toValue());
            }
            else if (rule.getResource() instanceof AclRuleGroupResource group) {
                resource = new Resource("group", group.getName(), group.getPatternType().toValue());
            }
            else {
                throw new AssertionError("unexpected ACL resource " + rule.getResource());
            }
            acls.computeIfAbsent(resource, r -> new TreeSet<>())
                .addAll(rule.getOperations().stream().map(op -> op.toValue()).toList());
        }
        return acls;
    }

    static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
    }

    /** The listener the roles use: TLS-capable, SCRAM-SHA-512, internal. */
    static GenericKafkaListener clientListener(Kafka kafka) {
        return kafka.getSpec()
            .getKafka()
            .getListeners()
            .stream()
            .filter(l -> l.getType() == KafkaListenerType.INTERNAL)
            .filter(l -> l.getAuth() instanceof KafkaListenerAuthenticationScramSha512)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no internal SCRAM-SHA-512 listener"));
    }

    private static int replicas(Applied applied, ProcessRoles role) {
        return applied.pools()
            .stream()
            .filter(p -> p.getSpec().getRoles().contains(role))
            .mapToInt(p -> p.getSpec().getReplicas())
            .sum();
    }

}
