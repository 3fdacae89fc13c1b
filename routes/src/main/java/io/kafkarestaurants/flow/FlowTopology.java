package io.kafkarestaurants.flow;

import java.util.List;
import java.util.Optional;

/**
 * The order flow as deployed, read from the route files (FlowTopologyReader): REST
 * operations, routes, stages, topics and outside services as nodes, and what flows
 * between them as edges. A node also says where its live figures come from: a stage its
 * consumer group, the topics it consumes, its dead-letter topics and its memory topic.
 */
record FlowTopology(List<Node> nodes, List<Edge> edges) {

    static final String HTTP = "http";
    static final String ROUTE = "route";
    static final String TOPIC = "topic";
    static final String STAGE = "stage";
    static final String EXTERNAL = "external";

    /**
     * The api's order view: a Kafka Streams global store over order_status, not a Camel
     * route.
     */
    static final String VIEW = "view";

    /**
     * @param route for a route, its id; for a stage, the route that does its work (the
     * one its consumer hands each record to)
     * @param topic for a topic node, its name
     * @param consumes for a stage, the topics its group consumes
     * @param deadLetters for a stage, the dead-letter topics it gives records up to (its
     * error count)
     * @param memory for a stage, the compacted topic that records each side effect (one
     * record per charge or mail)
     */
    record Node(String id, String kind, String label, String role, String group, String route, String topic,
            List<String> consumes, List<String> deadLetters, String memory) {

        static Node topic(String name) {
            return new Node(topicId(name), TOPIC, name, null, null, null, name, List.of(), List.of(), null);
        }
    }

    /**
     * @param route for an edge into a topic, the route whose step writes to it (the first
     * one found when several of the node's routes do), else null
     */
    record Edge(String from, String to, String route) {
    }

    static String topicId(String topic) {
        return "topic:" + topic;
    }

    Optional<Node> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    List<Node> ofKind(String kind) {
        return nodes.stream().filter(node -> node.kind().equals(kind)).toList();
    }

    /** The edges that write to this topic. */
    List<Edge> into(String topic) {
        String id = topicId(topic);
        return edges.stream().filter(edge -> edge.to().equals(id)).toList();
    }

    /**
     * The stage of the order's lifecycle that consumes this topic, if any (not a side
     * consumer of the same topic, such as the popularity counter).
     */
    Optional<Node> consumerOf(String topic) {
        return lifecycleStages().stream().filter(stage -> stage.consumes().contains(topic)).findFirst();
    }

    /**
     * The stages an order passes through: those that give records up to a dead-letter
     * topic.
     */
    List<Node> lifecycleStages() {
        return ofKind(STAGE).stream().filter(stage -> !stage.deadLetters().isEmpty()).toList();
    }

    /** The edge from a node into a topic, if the node writes it. */
    Optional<Edge> write(String nodeId, String topic) {
        return into(topic).stream().filter(edge -> edge.from().equals(nodeId)).findFirst();
    }
}
