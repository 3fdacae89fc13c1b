package io.kafkarestaurants.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafkarestaurants.flow.FlowFigures.NodeFigures;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /flow}: the topology with its live figures, the orders/s of each stage over
 * the last minutes, and the test orders' bounds and run. Names of topics, routes, groups
 * and figures only: no order content.
 */
public record FlowAnswer(
        @Schema(description = "When the figures were sampled; absent before Kafka first answered") Instant at,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "2.0") double intervalSeconds,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Kafka did not answer: the last figures") boolean stale,
        @Schema(requiredMode = RequiredMode.REQUIRED) List<Node> nodes,
        @Schema(requiredMode = RequiredMode.REQUIRED) List<Edge> edges,
        @Schema(requiredMode = RequiredMode.REQUIRED) Series series,
        @Schema(requiredMode = RequiredMode.REQUIRED) TestOrdersState testOrders) {

    /**
     * A node; the figures that do not apply to its kind (or are not sampled yet) are left
     * out.
     */
    @Schema(name = "FlowNode")
    public record Node(@Schema(requiredMode = RequiredMode.REQUIRED, example = "topic:order") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
                    "http", "route", "topic", "stage", "external", "view" }, example = "topic") String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "order") String label,
            @Schema(example = "api") String role, @Schema(description = "A stage's consumer group") String group,
            @Schema(description = "A topic's records") Long records,
            @Schema(description = "A stage's consumer lag") Long lag,
            @Schema(description = "A stage's records on its dead-letter topics") Long errors, Double ratePerSecond){
    }

    @Schema(name = "FlowEdge")
    public record Edge(@Schema(requiredMode = RequiredMode.REQUIRED, example = "order-intake") String from,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "topic:order") String to,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "10.5") double ratePerSecond) {
    }

    @Schema(name = "FlowSeries", description = "Orders/s of intake and each stage, at most 150 points")
    public record Series(@Schema(requiredMode = RequiredMode.REQUIRED) List<String> stages,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<FlowMonitor.Point> points) {
    }

    /**
     * @param run the current or last run, null before the first
     */
    public record TestOrdersState(@Schema(requiredMode = RequiredMode.REQUIRED) boolean enabled,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "500") int maxCount,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "20.0") double maxRatePerSecond,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = {
                    "object", "null" },
                    description = "The current or last run, null before the first") @JsonInclude(JsonInclude.Include.ALWAYS) TestOrderRun run){
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
