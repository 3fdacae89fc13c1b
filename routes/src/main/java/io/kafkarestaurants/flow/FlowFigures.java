package io.kafkarestaurants.flow;

import io.kafkarestaurants.flow.FlowTopology.Edge;
import io.kafkarestaurants.flow.FlowTopology.Node;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The live figures of the flow from two samples of the broker, {@code interval} apart:
 * <ul>
 * <li>a topic: its records (end offsets summed over partitions) and its rate (their
 * growth per second);</li>
 * <li>a stage: its lag (end minus committed offset over the partitions it consumes; a
 * partition it never committed counts whole, since the stage starts at the earliest
 * record; unknown when the broker did not give the group's offsets), its rate (the growth
 * of its committed offsets) and its errors (the records on its dead-letter topics);</li>
 * <li>an entry route (intake): the rate of the topic only it writes;</li>
 * <li>an edge into a topic: the topic's rate when only that node writes it, else the
 * writer's own rate (every stage writes order_status once per record); out of a topic
 * into a stage: the stage's committed growth on that topic; from a stage to an outside
 * service: the growth of the stage's memory (one record per charge or mail).</li>
 * </ul>
 * Without an earlier sample every rate is 0. Offsets that went back (a topic recreated)
 * count as no growth.
 */
record FlowFigures(Map<String, NodeFigures> nodes, Map<Edge, Double> edges) {

    /** A node's figures; null where they do not apply to its kind. */
    record NodeFigures(Long records, Long lag, Long errors, double ratePerSecond) {
    }

    static FlowFigures of(FlowTopology topology, OffsetSample previous, OffsetSample current) {
        return new Calculation(topology, previous, current).figures();
    }

    private static final class Calculation {

        private final FlowTopology topology;

        private final OffsetSample previous;

        private final OffsetSample current;

        private final double seconds;

        Calculation(FlowTopology topology, OffsetSample previous, OffsetSample current) {
            this.topology = topology;
            this.previous = previous;
            this.current = current;
            this.seconds = previous == null ? 0 : Duration.between(previous.at(), current.at()).toMillis() / 1000.0;
        }

        FlowFigures figures() {
            Map<String, NodeFigures> nodes = new LinkedHashMap<>();
            for (Node node : topology.nodes()) {
                switch (node.kind()) {
                    case FlowTopology.TOPIC -> nodes.put(node.id(),
                            new NodeFigures(records(current, node.topic()), null, null, topicRate(node.topic())));
                    case FlowTopology.STAGE -> nodes.put(node.id(),
                            new NodeFigures(null, current.committed().containsKey(node.group()) ? lag(node) : null,
                                    node.deadLetters().stream().mapToLong(topic -> records(current, topic)).sum(),
                                    stageRate(node, node.consumes())));
                    case FlowTopology.ROUTE -> nodes.put(node.id(), new NodeFigures(null, null, null, routeRate(node)));
                    default -> {
                    }
                }
            }
            Map<Edge, Double> edges = new LinkedHashMap<>();
            for (Edge edge : topology.edges()) {
                edges.put(edge, edgeRate(edge, nodes));
            }
            return new FlowFigures(nodes, edges);
        }

        private double edgeRate(Edge edge, Map<String, NodeFigures> nodes) {
            Node from = topology.node(edge.from()).orElseThrow();
            Node to = topology.node(edge.to()).orElseThrow();
            if (to.kind().equals(FlowTopology.TOPIC)) {
                return topology.into(to.topic()).size() == 1 ? topicRate(to.topic()) : ownRate(from, nodes);
            }
            if (from.kind().equals(FlowTopology.TOPIC)) {
                return to.kind().equals(FlowTopology.STAGE) ? stageRate(to, List.of(from.topic()))
                        : topicRate(from.topic());
            }
            if (from.kind().equals(FlowTopology.STAGE) && to.kind().equals(FlowTopology.EXTERNAL)
                    && from.memory() != null) {
                return topicRate(from.memory());
            }
            return to.kind().equals(FlowTopology.ROUTE) ? ownRate(to, nodes) : ownRate(from, nodes);
        }

        private static double ownRate(Node node, Map<String, NodeFigures> nodes) {
            NodeFigures figures = nodes.get(node.id());
            return figures == null ? 0 : figures.ratePerSecond();
        }

        /**
         * An entry route's rate: the growth of the topics only it writes (intake: order).
         */
        private double routeRate(Node route) {
            return topology.edges()
                .stream()
                .filter(edge -> edge.from().equals(route.id()))
                .map(edge -> topology.node(edge.to()).orElseThrow())
                .filter(to -> to.kind().equals(FlowTopology.TOPIC) && topology.into(to.topic()).size() == 1)
                .mapToDouble(to -> topicRate(to.topic()))
                .sum();
        }

        private double topicRate(String topic) {
            if (previous == null || seconds <= 0) {
                return 0;
            }
            return perSecond(growth(previous.ends(), current.ends(), topic));
        }

        private double stageRate(Node stage, List<String> topics) {
            if (previous == null || seconds <= 0) {
                return 0;
            }
            Map<TopicPartition, Long> before = previous.committed().get(stage.group());
            Map<TopicPartition, Long> now = current.committed().get(stage.group());
            if (before == null || now == null) {
                return 0;
            }
            return perSecond(topics.stream().mapToLong(topic -> growth(before, now, topic)).sum());
        }

        private long lag(Node stage) {
            Map<TopicPartition, Long> committed = current.committed().getOrDefault(stage.group(), Map.of());
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : current.ends().entrySet()) {
                if (stage.consumes().contains(end.getKey().topic())) {
                    lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
                }
            }
            return lag;
        }

        /** The growth of a topic's offsets over the partitions both samples have. */
        private static long growth(Map<TopicPartition, Long> before, Map<TopicPartition, Long> now, String topic) {
            long growth = 0;
            for (Map.Entry<TopicPartition, Long> offset : now.entrySet()) {
                Long earlier = before.get(offset.getKey());
                if (earlier != null && offset.getKey().topic().equals(topic)) {
                    growth += Math.max(0, offset.getValue() - earlier);
                }
            }
            return growth;
        }

        private double perSecond(long growth) {
            return Math.round(growth / seconds * 10) / 10.0;
        }

        private static long records(OffsetSample sample, String topic) {
            return sample.ends()
                .entrySet()
                .stream()
                .filter(end -> end.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue)
                .sum();
        }

    }
}
