package io.kafkarestaurants.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.StatusEntry;
import io.kafkarestaurants.flow.FlowTopology.Edge;
import io.kafkarestaurants.flow.FlowTopology.Node;
import io.kafkarestaurants.status.OrderNotFoundException;
import io.kafkarestaurants.status.OrderStatusStore;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /flow/orders/{id}}: an order's way through the flow, one step per entry of
 * its history, each with the node, route and topic that made it, as the topology tells
 * them: RECEIVED is the order on {@code order} (written by intake), PAID and DECLINED the
 * outcome on {@code order_confirm} / {@code order_declined} (written by the stage that
 * charged), CONFIRMED the status the stage consuming {@code order_confirm} wrote on
 * {@code order_status} (by its own route) once the mail was sent, FAILED the record on
 * the dead-letter topic of the stage that gave up on the step before. Statuses, times,
 * names and trace ids only: no order content.
 */
public final class OrderTrails {

    /**
     * @param traceId the trace of the order's first step (intake), else of the first step
     * that has one
     */
    public record OrderTrail(@Schema(requiredMode = RequiredMode.REQUIRED) String orderId,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "CONFIRMED") OrderStatus status,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = {
                    "string", "null" },
                    example = "4bf92f3577b34da6a3ce929d0e0e4736") @JsonInclude(JsonInclude.Include.ALWAYS) String traceId,
            @Schema(requiredMode = RequiredMode.REQUIRED) List<Step> trail){
    }

    @Schema(name = "OrderTrailStep")
    public record Step(@Schema(requiredMode = RequiredMode.REQUIRED) Instant at,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "PAID") OrderStatus status,
            @Schema(example = "transactions") String node, @Schema(example = "transactions") String route,
            @Schema(example = "order_confirm") String topic, @Schema(requiredMode = RequiredMode.REQUIRED, types = {
                    "string", "null" },
                    example = "4bf92f3577b34da6a3ce929d0e0e4736") @JsonInclude(JsonInclude.Include.ALWAYS) String traceId){
    }

    private final Supplier<FlowTopology> topologies;

    private final OrderStatusStore store;

    private final RestaurantsProperties.Topics topics;

    /**
     * @param topologies the flow's topology, read at the first trail
     */
    OrderTrails(Supplier<FlowTopology> topologies, OrderStatusStore store, RestaurantsProperties.Topics topics) {
        this.topologies = topologies;
        this.store = store;
        this.topics = topics;
    }

    /**
     * Throws {@link OrderNotFoundException} when this replica's view does not know the
     * order.
     */
    public OrderTrail trail(String orderId) {
        OrderStatusChanged snapshot = store.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        List<Step> steps = new ArrayList<>();
        String previousTopic = null;
        for (StatusEntry entry : snapshot.history()) {
            Step step = step(entry, previousTopic);
            steps.add(step);
            previousTopic = step.topic();
        }
        String traceId = steps.stream().map(Step::traceId).filter(Objects::nonNull).findFirst().orElse(null);
        return new OrderTrail(snapshot.orderId(), snapshot.status(), traceId, List.copyOf(steps));
    }

    Step step(StatusEntry entry, String previousTopic) {
        FlowTopology topology = topologies.get();
        return switch (entry.status()) {
            case RECEIVED -> written(topology, entry, topics.order());
            case PAID -> written(topology, entry, topics.orderConfirm());
            case DECLINED -> written(topology, entry, topics.orderDeclined());
            case CONFIRMED -> madeBy(topology, entry, topology.consumerOf(topics.orderConfirm()), topics.orderStatus());
            case FAILED -> previousTopic == null
                    ? new Step(entry.at(), entry.status(), null, null, null, entry.traceId()) : madeBy(topology, entry,
                            topology.consumerOf(previousTopic), previousTopic + topics.deadLetterSuffix());
        };
    }

    /** The step that put the order on a topic only one node writes. */
    private static Step written(FlowTopology topology, StatusEntry entry, String topic) {
        List<Edge> writers = topology.into(topic);
        Edge writer = writers.size() == 1 ? writers.get(0) : null;
        return new Step(entry.at(), entry.status(), writer == null ? null : writer.from(),
                writer == null ? null : writer.route(), topic, entry.traceId());
    }

    /**
     * The step a stage made by writing a topic: a dead-letter topic by its dead-letter
     * route, else its own route.
     */
    private static Step madeBy(FlowTopology topology, StatusEntry entry, Optional<Node> stage, String topic) {
        String route = stage.filter(s -> s.deadLetters().contains(topic))
            .flatMap(s -> topology.write(s.id(), topic))
            .map(Edge::route)
            .orElse(stage.map(Node::route).orElse(null));
        return new Step(entry.at(), entry.status(), stage.map(Node::id).orElse(null), route,
                stage.isPresent() ? topic : null, entry.traceId());
    }

}
