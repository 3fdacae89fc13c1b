package io.kafkarestaurants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The KafkaUsers of strimzi/base/kafka-users.yaml as Kafka sees them: each user's name
 * and its ACLs as the AclBindings Strimzi's User Operator would create for simple
 * authorization. The one home of who may do what on Kafka: the local runner creates its
 * SCRAM users and ACLs from here, and the deploy tests compile this same file (a test
 * source root) to put them on a broker that enforces them.
 *
 * <p>
 * Depends on kafka-clients and Jackson's YAML module only, both in Kafka's own libs
 * directory. A field it does not know fails the read, naming the field and the user: an
 * ACL it skipped would be an ACL no test enforces.
 */
public final class StrimziKafkaUsers {

    /**
     * The name the cluster resource has in Kafka (Strimzi's cluster ACLs carry no name).
     */
    static final String CLUSTER_NAME = "kafka-cluster";

    /**
     * Strimzi's KafkaUser operations (AclOperation in io.strimzi:api) and Kafka's for
     * each.
     */
    private static final Map<String, AclOperation> OPERATIONS = Map.ofEntries(Map.entry("Read", AclOperation.READ),
            Map.entry("Write", AclOperation.WRITE), Map.entry("Create", AclOperation.CREATE),
            Map.entry("Delete", AclOperation.DELETE), Map.entry("Alter", AclOperation.ALTER),
            Map.entry("Describe", AclOperation.DESCRIBE), Map.entry("ClusterAction", AclOperation.CLUSTER_ACTION),
            Map.entry("AlterConfigs", AclOperation.ALTER_CONFIGS),
            Map.entry("DescribeConfigs", AclOperation.DESCRIBE_CONFIGS),
            Map.entry("IdempotentWrite", AclOperation.IDEMPOTENT_WRITE), Map.entry("All", AclOperation.ALL));

    private static final Map<String, ResourceType> RESOURCE_TYPES = Map.of("topic", ResourceType.TOPIC, "group",
            ResourceType.GROUP, "cluster", ResourceType.CLUSTER, "transactionalId", ResourceType.TRANSACTIONAL_ID);

    private static final Map<String, PatternType> PATTERN_TYPES = Map.of("literal", PatternType.LITERAL, "prefix",
            PatternType.PREFIXED);

    private static final Map<String, AclPermissionType> RULE_TYPES = Map.of("allow", AclPermissionType.ALLOW, "deny",
            AclPermissionType.DENY);

    private static final Set<String> DOCUMENT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    private static final Set<String> SPEC_FIELDS = Set.of("authentication", "authorization", "quotas", "template");

    private static final Set<String> AUTHORIZATION_FIELDS = Set.of("type", "acls");

    private static final Set<String> RULE_FIELDS = Set.of("resource", "operations", "operation", "host", "type");

    private static final Set<String> RESOURCE_FIELDS = Set.of("type", "name", "patternType");

    /**
     * The API versions of KafkaUser that still have a rule's single operation
     * (io.strimzi:api's AclRule).
     */
    private static final Set<String> OPERATION_API_VERSIONS = Set.of("kafka.strimzi.io/v1alpha1",
            "kafka.strimzi.io/v1beta1", "kafka.strimzi.io/v1beta2");

    /**
     * One KafkaUser: its name (the SCRAM user and principal User:&lt;name&gt;) and its
     * ACLs as Kafka AclBindings (principal "User:" + name, host "*" unless the rule names
     * one, ALLOW unless it says deny; Strimzi's simple authorization: operations per
     * resource, resource type topic/group/cluster/transactionalId, patternType
     * literal/prefix).
     */
    public record User(String name, List<AclBinding> acls) {

        public User {
            acls = List.copyOf(acls);
        }
    }

    private StrimziKafkaUsers() {
    }

    /**
     * Every KafkaUser document of the file, in order (documents of other kinds are not
     * users and are skipped).
     */
    public static List<User> read(Path kafkaUsersYaml) throws IOException {
        List<User> users = new ArrayList<>();
        for (JsonNode document : documents(kafkaUsersYaml, "KafkaUser")) {
            users.add(user(document, kafkaUsersYaml));
        }
        return users;
    }

    /**
     * The documents of one kind (KafkaUser, KafkaTopic...) of a multi-document Strimzi
     * YAML file, in order.
     */
    static List<JsonNode> documents(Path yaml, String kind) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> all = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml.toFile())) {
            while (all.hasNext()) {
                JsonNode document = all.next();
                if (document != null && kind.equals(document.path("kind").asText())) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static User user(JsonNode document, Path file) {
        String name = document.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(file + ": a KafkaUser without metadata.name");
        }
        String where = file + ": KafkaUser " + name;
        known(document, DOCUMENT_FIELDS, where);
        JsonNode spec = document.path("spec");
        known(spec, SPEC_FIELDS, where + " spec");
        JsonNode authorization = spec.path("authorization");
        if (authorization.isMissingNode()) {
            return new User(name, List.of());
        }
        known(authorization, AUTHORIZATION_FIELDS, where + " spec.authorization");
        if (!"simple".equals(authorization.path("type").asText())) {
            throw new IllegalArgumentException(where + ": spec.authorization.type is " + authorization.path("type")
                    + ", only simple authorization has ACLs");
        }
        String principal = "User:" + name;
        List<AclBinding> acls = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : authorization.path("acls")) {
            String at = where + " spec.authorization.acls[" + index++ + "]";
            known(rule, RULE_FIELDS, at);
            ResourcePattern resource = resource(rule.path("resource"), at + ".resource");
            String host = rule.path("host").asText("*");
            AclPermissionType permission = value(RULE_TYPES, rule.path("type").asText("allow"), at + ".type");
            for (AclOperation operation : operations(rule, document.path("apiVersion").asText(), at)) {
                acls.add(new AclBinding(resource, new AccessControlEntry(principal, host, operation, permission)));
            }
        }
        return new User(name, acls);
    }

    private static ResourcePattern resource(JsonNode resource, String at) {
        if (!resource.isObject()) {
            throw new IllegalArgumentException(at + " is missing");
        }
        known(resource, RESOURCE_FIELDS, at);
        ResourceType type = value(RESOURCE_TYPES, resource.path("type").asText(), at + ".type");
        if (type == ResourceType.CLUSTER) {
            if (resource.has("name") || resource.has("patternType")) {
                throw new IllegalArgumentException(at + ": a cluster resource has no name or patternType");
            }
            return new ResourcePattern(type, CLUSTER_NAME, PatternType.LITERAL);
        }
        String name = resource.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(at + ".name is missing");
        }
        PatternType pattern = value(PATTERN_TYPES, resource.path("patternType").asText("literal"), at + ".patternType");
        return new ResourcePattern(type, name, pattern);
    }

    /**
     * The rule's operations list, or its single operation: exactly one of the two. The
     * single form is Strimzi's older one, deprecated in kafka.strimzi.io/v1beta2 and gone
     * from kafka.strimzi.io/v1, whose CRD refuses it.
     */
    private static List<AclOperation> operations(JsonNode rule, String apiVersion, String at) {
        List<String> names = new ArrayList<>();
        if (rule.has("operations") == rule.has("operation")) {
            throw new IllegalArgumentException(at + ": give either operations or operation");
        }
        if (rule.has("operation") && !OPERATION_API_VERSIONS.contains(apiVersion)) {
            throw new IllegalArgumentException(at + ": the single operation is not in " + apiVersion + " (only in "
                    + OPERATION_API_VERSIONS + "), give operations: [...]");
        }
        if (rule.has("operation")) {
            names.add(rule.path("operation").asText());
        }
        else {
            rule.path("operations").forEach(operation -> names.add(operation.asText()));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(at + ".operations is empty");
        }
        return names.stream().map(operation -> value(OPERATIONS, operation, at + ".operations")).toList();
    }

    private static <T> T value(Map<String, T> values, String name, String at) {
        T value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(at + ": unknown value '" + name + "' (known: " + values.keySet() + ")");
        }
        return value;
    }

    private static void known(JsonNode node, Set<String> fields, String at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw new IllegalArgumentException(at + ": unknown field '" + field + "' (known: " + fields + ")");
            }
        }
    }

}
