package io.kafkarestaurants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The KafkaUsers of a Strimzi manifest (strimzi/base/kafka-users.yaml) as Kafka's own ACL bindings: what the User
 * Operator would give each user on a cluster. A rule's resource (topic, group, cluster, transactionalId; patternType
 * literal by default), each of its operations, its host ({@code *} by default) and its type (allow by default) make
 * one binding for the principal {@code User:<metadata.name>}. A value Kafka does not know fails the read.
 */
public final class StrimziKafkaUsers {

    /** One KafkaUser: its name (the SCRAM user and the ACLs' principal) and its bindings. */
    public record User(String name, List<AclBinding> acls) {
    }

    private StrimziKafkaUsers() {
    }

    public static List<User> read(Path kafkaUsersYaml) throws IOException {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<User> users = new ArrayList<>();
        try (var parser = mapper.getFactory().createParser(kafkaUsersYaml.toFile())) {
            for (var documents = mapper.readValues(parser, JsonNode.class); documents.hasNext(); ) {
                JsonNode document = documents.next();
                if ("KafkaUser".equals(document.path("kind").asText())) {
                    users.add(user(document));
                }
            }
        }
        return users;
    }

    private static User user(JsonNode document) {
        String name = document.path("metadata").path("name").asText();
        List<AclBinding> acls = new ArrayList<>();
        for (JsonNode rule : document.path("spec").path("authorization").path("acls")) {
            JsonNode resource = rule.path("resource");
            ResourceType type = known(ResourceType.fromString(constant(resource.path("type").asText())), name, resource);
            String resourceName = type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText();
            PatternType pattern = known(PatternType.fromString(constant(resource.path("patternType").asText("literal"))),
                    name, resource);
            AclPermissionType permission = known(AclPermissionType.fromString(rule.path("type").asText("allow")),
                    name, rule);
            for (JsonNode operation : rule.path("operations")) {
                acls.add(new AclBinding(new ResourcePattern(type, resourceName, pattern),
                        new AccessControlEntry("User:" + name, rule.path("host").asText("*"),
                                known(AclOperation.fromString(constant(operation.asText())), name, operation),
                                permission)));
            }
        }
        return new User(name, acls);
    }

    /** transactionalId → TRANSACTIONAL_ID, literal → LITERAL, IdempotentWrite → IDEMPOTENT_WRITE. */
    private static String constant(String strimzi) {
        return strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static <T extends Enum<T>> T known(T value, String user, JsonNode where) {
        if (value.name().equals("UNKNOWN")) {
            throw new IllegalArgumentException("KafkaUser " + user + ": Kafka knows no " + where);
        }
        return value;
    }
}
