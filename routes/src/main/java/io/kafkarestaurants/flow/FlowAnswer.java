package io.kafkarestaurants.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafkarestaurants.flow.FlowFigures.NodeFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /flow}: the topology with its live figures, the orders/s of each stage over
 * the last minutes, and the test orders' bounds and run. Names of topics, routes, groups
 * and figures only: no order content.
 */
public record FlowAnswer(Instant at, double intervalSeconds, boolean stale, List<Node> nodes, List<Edge> edges,
        Series series, TestOrdersState testOrders) {

    /**
     * A node; the figures that do not apply to its kind (or are not sampled yet) are left
     * out.
     */
    public record Node(String id, String kind, String label, String role, String group, Long records, Long lag,
            Long errors, Double ratePerSecond) {
    }

    public record Edge(String from, String to, double ratePerSecond) {
    }

    public record Series(List<String> stages, List<FlowMonitor.Point> points) {
    }

    /**
     * @param run the current or last run, null before the first
     */
    public record TestOrdersState(boolean enabled, int maxCount, double maxRatePerSecond,
            @JsonInclude(JsonInclude.Include.ALWAYS) TestOrderRun run) {
    }

    static FlowAnswer of(FlowTopology topology, FlowMonitor.Snapshot snapshot, List<String> stages, Duration interval,
            TestOrdersState testOrders) {
        FlowFigures figures = snapshot.figures();
        List<Node> nodes = topology.nodes().stream().map(node -> {
            NodeFigures of = figures.nodes().get(node.id());
            return of == null
                    ? new Node(node.id(), node.kind(), node.label(), node.role(), node.group(), null, null, null, null)
                    : new Node(node.id(), node.kind(), node.label(), node.role(), node.group(), of.records(), of.lag(),
                            of.errors(), of.ratePerSecond());
        }).toList();
        List<Edge> edges = topology.edges()
            .stream()
            .map(edge -> new Edge(edge.from(), edge.to(), figures.edges().getOrDefault(edge, 0.0)))
            .toList();
        return new FlowAnswer(snapshot.at(), interval.toMillis() / 1000.0, snapshot.stale(), nodes, edges,
                new Series(stages, snapshot.series()), testOrders);
    }
}
