package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kafkarestaurants.flow.FlowTopology.Edge;
import io.kafkarestaurants.flow.FlowTopology.Node;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The flow as the route files tell it: every node and edge the order-flow page draws,
 * derived, not listed.
 */
class FlowTopologyTest {

    private final FlowTopology topology = Flows.topology();

    @Test
    void theFlowFromIntakeToSmtpIsReadFromTheRoutes() {
        assertThat(pairs(topology)).contains(tuple("post-orders", "order-intake"), tuple("order-intake", "topic:order"),
                tuple("topic:order", "transactions"), tuple("transactions", "bank"),
                tuple("transactions", "topic:order_confirm"), tuple("transactions", "topic:order_declined"),
                tuple("topic:order_confirm", "email"), tuple("topic:order_declined", "email"), tuple("email", "smtp"),
                tuple("order-intake", "topic:order_status"), tuple("transactions", "topic:order_status"),
                tuple("email", "topic:order_status"), tuple("topic:order_status", "order-view"));
    }

    @Test
    void deadLetterAndMemoryTopicsHangOffTheirStages() {
        assertThat(pairs(topology)).contains(tuple("transactions", "topic:order.DLT"),
                tuple("email", "topic:order_confirm.DLT"), tuple("email", "topic:order_declined.DLT"),
                tuple("transactions", "topic:transactions.processed"), tuple("email", "topic:email.sent"));
        Node transactions = topology.node("transactions").orElseThrow();
        assertThat(transactions.kind()).isEqualTo(FlowTopology.STAGE);
        assertThat(transactions.role()).isEqualTo("transactions");
        assertThat(transactions.group()).isEqualTo("transaction-service");
        assertThat(transactions.consumes()).containsExactly("order");
        assertThat(transactions.deadLetters()).containsExactly("order.DLT");
        assertThat(transactions.memory()).isEqualTo("transactions.processed");
        Node email = topology.node("email").orElseThrow();
        assertThat(email.group()).isEqualTo("confirmation-service");
        assertThat(email.consumes()).containsExactly("order_confirm", "order_declined");
        assertThat(email.deadLetters()).containsExactly("order_confirm.DLT", "order_declined.DLT");
    }

    @Test
    void nodesHaveKindsLabelsAndRoles() {
        assertThat(topology.nodes()).extracting(Node::id, Node::kind, Node::label, Node::role)
            .contains(tuple("post-orders", "http", "POST /orders", null),
                    tuple("order-intake", "route", "order intake", "api"), tuple("topic:order", "topic", "order", null),
                    tuple("bank", "external", "bank", null), tuple("smtp", "external", "SMTP", null),
                    tuple("email", "stage", "email", "email"));
        // Only REST operations that write to Kafka are part of the flow; the flow's own
        // endpoints are not.
        assertThat(topology.ofKind(FlowTopology.HTTP)).extracting(Node::id).containsExactly("post-orders");
    }

    @Test
    void edgesIntoTopicsNameTheRouteThatWrites() {
        assertThat(topology.write("order-intake", "order")).map(Edge::route).hasValue("order-intake-new");
        assertThat(topology.write("transactions", "order_confirm")).map(Edge::route).hasValue("transactions-charge");
        assertThat(topology.write("transactions", "order.DLT")).map(Edge::route).hasValue("dead-letter-publish");
        // A stage's own route: the one its consumer hands each record to.
        assertThat(topology.node("transactions")).map(Node::route).hasValue("transactions-charge");
        assertThat(topology.node("email")).map(Node::route).hasValue("email-notify");
    }

    @Test
    void aTopicRenamedInConfigurationMovesTheEdgesWithIt() {
        FlowTopology renamed = Flows
            .topology(Map.of("TOPIC_ORDER_CONFIRM", "paid_orders", "GROUP_TRANSACTIONS", "charging"));

        assertThat(pairs(renamed))
            .contains(tuple("transactions", "topic:paid_orders"), tuple("topic:paid_orders", "email"),
                    tuple("email", "topic:paid_orders.DLT"))
            .doesNotContain(tuple("transactions", "topic:order_confirm"));
        assertThat(renamed.node("transactions").orElseThrow().group()).isEqualTo("charging");
    }

    private static List<org.assertj.core.groups.Tuple> pairs(FlowTopology topology) {
        return topology.edges().stream().map(edge -> tuple(edge.from(), edge.to())).toList();
    }

}
