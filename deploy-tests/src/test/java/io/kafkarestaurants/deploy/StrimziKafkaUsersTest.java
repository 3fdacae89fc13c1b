package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.deploy.AppKafkaUsage.Resource;
import io.kafkarestaurants.local.StrimziKafkaUsers;
import io.kafkarestaurants.local.StrimziKafkaUsers.User;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of strimzi/base/kafka-users.yaml that the local runner and the ACL
 * integration test put on a broker (local/kafka/tools/acls, a test source root): it reads
 * what the Strimzi model reads, as the AclBindings Kafka enforces.
 */
class StrimziKafkaUsersTest {

    static final Path KAFKA_USERS = DeployFiles.STRIMZI.resolve("base/kafka-users.yaml");

    @TempDir
    Path dir;

    @Test
    void readsEveryRoleUserOfTheRealFileWithItsBindings() throws IOException {
        List<User> users = StrimziKafkaUsers.read(KAFKA_USERS);

        assertThat(users).extracting(User::name)
            .containsExactly("kafka-restaurants-api", "kafka-restaurants-transactions", "kafka-restaurants-email");
        assertThat(users.get(0).acls())
            .contains(allow("kafka-restaurants-api", ResourceType.TOPIC, "order", AclOperation.WRITE))
            .doesNotContain(allow("kafka-restaurants-api", ResourceType.TOPIC, "order", AclOperation.READ));
        assertThat(users.get(1).acls()).contains(
                allow("kafka-restaurants-transactions", ResourceType.GROUP, "transaction-service", AclOperation.READ));
        assertThat(users.get(2).acls())
            .contains(allow("kafka-restaurants-email", ResourceType.TOPIC, "order_confirm", AclOperation.READ))
            .doesNotContain(allow("kafka-restaurants-email", ResourceType.TOPIC, "order_confirm", AclOperation.WRITE));
    }

    @Test
    void readsWhatTheStrimziModelReads() throws IOException {
        Map<String, Map<Resource, Set<String>>> strimzi = new TreeMap<>();
        for (KafkaUser user : StrimziResourcesTest.Applied.of("production").users()) {
            strimzi.put(user.getMetadata().getName(), StrimziResourcesTest.acls(user));
        }
        Map<String, Map<Resource, Set<String>>> read = new TreeMap<>();
        for (User user : StrimziKafkaUsers.read(KAFKA_USERS)) {
            assertThat(user.acls()).allSatisfy(
                    binding -> assertThat(binding.entry()).isEqualTo(new AccessControlEntry("User:" + user.name(), "*",
                            binding.entry().operation(), AclPermissionType.ALLOW)));
            read.put(user.name(),
                    user.acls()
                        .stream()
                        .collect(
                                Collectors.groupingBy(
                                        binding -> new Resource(binding.pattern().resourceType().name().toLowerCase(),
                                                binding.pattern().name(),
                                                binding.pattern().patternType() == PatternType.PREFIXED ? "prefix"
                                                        : "literal"),
                                        TreeMap::new,
                                        Collectors.mapping(binding -> strimziName(binding.entry().operation()),
                                                Collectors.toCollection(TreeSet::new)))));
        }

        assertThat(read).isNotEmpty().isEqualTo(strimzi);
    }

    @Test
    void mapsEveryStrimziRuleShape() throws IOException {
        // v1beta2: the last version with a rule's single operation (v1 has operations
        // only).
        Path file = write("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: ops
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                      - resource:
                          type: cluster
                        operation: DescribeConfigs
                      - resource:
                          type: group
                          name: stage-
                          patternType: prefix
                        operations: [Read]
                        host: 10.0.0.1
                      - resource:
                          type: transactionalId
                          name: tx
                        operations: [IdempotentWrite, AlterConfigs]
                        type: deny
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: not-a-user
                """);

        List<User> users = StrimziKafkaUsers.read(file);

        assertThat(users).singleElement()
            .satisfies(user -> assertThat(user.acls()).containsExactly(
                    new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                            new AccessControlEntry("User:ops", "*", AclOperation.DESCRIBE_CONFIGS,
                                    AclPermissionType.ALLOW)),
                    new AclBinding(new ResourcePattern(ResourceType.GROUP, "stage-", PatternType.PREFIXED),
                            new AccessControlEntry("User:ops", "10.0.0.1", AclOperation.READ, AclPermissionType.ALLOW)),
                    new AclBinding(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "tx", PatternType.LITERAL),
                            new AccessControlEntry("User:ops", "*", AclOperation.IDEMPOTENT_WRITE,
                                    AclPermissionType.DENY)),
                    new AclBinding(new ResourcePattern(ResourceType.TRANSACTIONAL_ID, "tx", PatternType.LITERAL),
                            new AccessControlEntry("User:ops", "*", AclOperation.ALTER_CONFIGS,
                                    AclPermissionType.DENY))));
    }

    @Test
    void refusesAFieldOrValueItDoesNotKnow() throws IOException {
        Path misspelt = write(user("""
                      - resource:
                          type: topic
                          name: order
                        operatoins: [Write]
                """));
        Path unknownOperation = write(user("""
                      - resource:
                          type: topic
                          name: order
                        operations: [Produce]
                """));
        Path singleOperationInV1 = write(user("""
                      - resource:
                          type: topic
                          name: order
                        operation: Write
                """));

        assertThatThrownBy(() -> StrimziKafkaUsers.read(misspelt)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("KafkaUser someone")
            .hasMessageContaining("acls[0]")
            .hasMessageContaining("'operatoins'");
        assertThatThrownBy(() -> StrimziKafkaUsers.read(unknownOperation)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'Produce'");
        assertThatThrownBy(() -> StrimziKafkaUsers.read(singleOperationInV1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("acls[0]")
            .hasMessageContaining("single operation is not in kafka.strimzi.io/v1");
    }

    private static String user(String acls) {
        return """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata:
                  name: someone
                spec:
                  authorization:
                    type: simple
                    acls:
                """ + acls;
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "kafka-users", ".yaml"), yaml);
    }

    private static AclBinding allow(String user, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }

    /** Kafka's READ, IDEMPOTENT_WRITE as Strimzi spells them: Read, IdempotentWrite. */
    private static String strimziName(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return name.toString();
    }

}
