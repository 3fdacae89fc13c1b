package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkarestaurants.deploy.AppKafkaUsage.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * config/asyncapi.yaml, the Kafka contract, against the application as AppKafkaUsage
 * reads it from its configuration and routes: the same topics, each role sending and
 * receiving exactly where it does, in the same consumer groups, with the compaction the
 * application creates the topics with, and every value schema a file of config/schemas.
 * That the document is valid AsyncAPI and its examples fit their schemas is make
 * test-contracts' (the parser is npm's).
 */
class AsyncApiContractTest {

    static final Path ASYNCAPI = DeployFiles.ROOT.resolve("config/asyncapi.yaml");
    static final Path SCHEMAS = DeployFiles.ROOT.resolve("config/schemas");

    private static final AppKafkaUsage APP = AppKafkaUsage.defaults();

    /**
     * What one role does with Kafka: the topics it sends to, those it reads, and its
     * consumer groups' topics.
     */
    record RoleKafka(Set<String> sends, Set<String> receives, Map<String, Set<String>> groups) {

        static RoleKafka empty() {
            return new RoleKafka(new TreeSet<>(), new TreeSet<>(), new TreeMap<>());
        }
    }

    @Test
    void theDocumentSaysWhatTheRoutesDo() {
        assertThat(disagreements(DeployFiles.yaml(ASYNCAPI))).isEmpty();
    }

    @Test
    void everyRoleAndTopicOfTheApplicationIsInTheDocument() {
        JsonNode document = DeployFiles.yaml(ASYNCAPI);

        assertThat(byRole(document).keySet()).isEqualTo(APP.roles()).containsExactly("api", "email", "transactions");
        assertThat(channels(document).keySet()).isEqualTo(APP.createdTopics().keySet())
            .contains("order", "order_status", "order.DLT", "email.sent", "restaurant_popularity");
    }

    @Test
    void aDocumentWithoutAChannelTheRoutesUseDisagrees() {
        ObjectNode document = (ObjectNode) DeployFiles.yaml(ASYNCAPI);
        ((ObjectNode) document.get("channels")).remove("order_declined");
        removeOperations(document, "#/channels/order_declined");

        assertThat(disagreements(document)).contains(
                "channels: document [email.sent, order, order.DLT, order_confirm, order_confirm.DLT, order_declined.DLT,"
                        + " order_status, restaurant_popularity, transactions.processed], application [email.sent, order,"
                        + " order.DLT, order_confirm, order_confirm.DLT, order_declined, order_declined.DLT, order_status,"
                        + " restaurant_popularity, transactions.processed]",
                "transactions sends: document [order.DLT, order_confirm, order_status, restaurant_popularity,"
                        + " transactions.processed], application [order.DLT, order_confirm, order_declined, order_status,"
                        + " restaurant_popularity, transactions.processed]",
                "email consumer groups: document {confirmation-service=[order_confirm]}, application"
                        + " {confirmation-service=[order_confirm, order_declined]}");
    }

    @Test
    void aDocumentWithAnotherConsumerGroupOrAMissingSendDisagrees() {
        ObjectNode document = (ObjectNode) DeployFiles.yaml(ASYNCAPI);
        ArrayNode group = (ArrayNode) document.at("/operations/transactionsReceiveOrder/bindings/kafka/groupId/enum");
        group.removeAll().add("transactions");
        ((ObjectNode) document.get("operations")).remove("emailSendEmailSent");

        assertThat(disagreements(document)).containsExactly(
                "email sends: document [order_confirm.DLT, order_declined.DLT, order_status], application [email.sent,"
                        + " order_confirm.DLT, order_declined.DLT, order_status]",
                "transactions consumer groups: document {restaurant-popularity=[order], transactions=[order]},"
                        + " application {restaurant-popularity=[order], transaction-service=[order]}");
    }

    @Test
    void aValueSchemaThatIsNoFileOfConfigSchemasDisagrees() {
        ObjectNode document = (ObjectNode) DeployFiles.yaml(ASYNCAPI);
        ((ObjectNode) document.at("/components/messages/orderPaid/payload/schema")).put("$ref",
                "./schemas/order-payed.schema.json");
        ((ObjectNode) document.at("/components/messages/orderPlaced/payload")).set("schema",
                DeployFiles.JSON.createObjectNode().put("type", "object"));

        assertThat(disagreements(document)).containsExactlyInAnyOrder(
                "message orderPaid: its value schema ./schemas/order-payed.schema.json is no file of config/schemas",
                "message orderPlaced: its value schema is not a $ref to config/schemas");
    }

    /**
     * Everything the document says otherwise than the application, as readable lines;
     * empty when they agree.
     */
    static List<String> disagreements(JsonNode document) {
        List<String> found = new ArrayList<>();
        Set<String> appTopics = new TreeSet<>();
        for (String role : APP.roles()) {
            appTopics.addAll(appRole(role).sends());
            appTopics.addAll(appRole(role).receives());
        }
        Map<String, JsonNode> channels = channels(document);
        compare(found, "channels", channels.keySet(), appTopics);
        compare(found, "channels (topics the application creates)", channels.keySet(), APP.createdTopics().keySet());

        Map<String, RoleKafka> documented = byRole(document);
        compare(found, "roles", documented.keySet(), APP.roles());
        for (String role : APP.roles()) {
            RoleKafka doc = documented.getOrDefault(role, RoleKafka.empty());
            RoleKafka app = appRole(role);
            compare(found, role + " sends", doc.sends(), app.sends());
            compare(found, role + " receives", doc.receives(), app.receives());
            compare(found, role + " consumer groups", doc.groups(), app.groups());
        }

        channels.forEach((topic, channel) -> {
            var created = APP.createdTopics().get(topic);
            if (created != null) {
                String policy = created.configs() == null ? null
                        : created.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
                compare(found, topic + " cleanup.policy", cleanupPolicy(channel),
                        policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy);
            }
        });

        document.path("components").path("messages").fields().forEachRemaining(message -> {
            JsonNode payload = message.getValue().path("payload");
            if ("null".equals(payload.path("type").asText())) {
                return;
            }
            String ref = payload.path("schema").path("$ref").asText("");
            String file = ref.startsWith("./schemas/") ? ref.substring("./schemas/".length()).split("#")[0] : null;
            if (ref.isEmpty()) {
                found.add("message " + message.getKey() + ": its value schema is not a $ref to config/schemas");
            }
            else if (file == null || file.contains("/") || !Files.isRegularFile(SCHEMAS.resolve(file))) {
                found
                    .add("message " + message.getKey() + ": its value schema " + ref + " is no file of config/schemas");
            }
        });
        return found;
    }

    private static void compare(List<String> found, String what, Object documented, Object application) {
        if (!documented.equals(application)) {
            found.add(what + ": document " + documented + ", application " + application);
        }
    }

    /**
     * The role's Kafka use as AppKafkaUsage reads it from application.yaml and the
     * routes.
     */
    private static RoleKafka appRole(String role) {
        RoleKafka kafka = RoleKafka.empty();
        for (Map.Entry<Resource, Set<String>> use : APP.usage(role).entrySet()) {
            if (!"topic".equals(use.getKey().type())) {
                continue;
            }
            if (use.getValue().contains(AppKafkaUsage.WRITE)) {
                kafka.sends().add(use.getKey().name());
            }
            if (use.getValue().contains(AppKafkaUsage.READ)) {
                kafka.receives().add(use.getKey().name());
            }
        }
        kafka.groups().putAll(APP.consumedTopicsByGroup(role));
        return kafka;
    }

    /** The channels by address (the topic). */
    private static Map<String, JsonNode> channels(JsonNode document) {
        Map<String, JsonNode> byTopic = new TreeMap<>();
        document.path("channels").forEach(channel -> byTopic.put(channel.path("address").asText(), channel));
        return byTopic;
    }

    /**
     * The operations by the role their tag names: what each sends, receives, and in which
     * group.
     */
    private static Map<String, RoleKafka> byRole(JsonNode document) {
        Map<String, RoleKafka> roles = new TreeMap<>();
        document.path("operations").fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String topic = local(document, operation.path("channel")).path("address").asText();
            for (JsonNode tag : operation.path("tags")) {
                RoleKafka role = roles.computeIfAbsent(local(document, tag).path("name").asText(),
                        r -> RoleKafka.empty());
                if ("send".equals(operation.path("action").asText())) {
                    role.sends().add(topic);
                    continue;
                }
                role.receives().add(topic);
                JsonNode group = operation.at("/bindings/kafka/groupId");
                if (!group.isMissingNode()) {
                    JsonNode names = group.path("enum");
                    if (names.size() != 1) {
                        throw new IllegalStateException("Operation " + entry.getKey() + " names " + names.size()
                                + " consumer groups; one, as enum: [group], is what a consumer has");
                    }
                    role.groups().computeIfAbsent(names.get(0).asText(), g -> new TreeSet<>()).add(topic);
                }
            }
        });
        return roles;
    }

    private static String cleanupPolicy(JsonNode channel) {
        JsonNode policy = channel.at("/bindings/kafka/topicConfiguration/cleanup.policy");
        List<String> values = new ArrayList<>();
        policy.forEach(value -> values.add(value.asText()));
        return String.join(",", values);
    }

    /** A node, or the node its local $ref ('#/...') points at. */
    private static JsonNode local(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("Not a local $ref: " + ref);
        }
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("Dangling $ref " + ref);
        }
        return target;
    }

    private static void removeOperations(ObjectNode document, String channelRef) {
        Iterator<Map.Entry<String, JsonNode>> operations = document.path("operations").fields();
        while (operations.hasNext()) {
            if (channelRef.equals(operations.next().getValue().path("channel").path("$ref").asText())) {
                operations.remove();
            }
        }
    }

}
