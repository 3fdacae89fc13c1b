package io.kafkarestaurants.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.flow.FlowFigures.NodeFigures;
import io.kafkarestaurants.flow.FlowTopology.Edge;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Rates, lag and errors from two samples of the broker, on the real topology. */
class FlowFiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-30T15:00:00Z");

    private static final Instant T2 = T0.plusSeconds(2);

    private final FlowTopology topology = Flows.topology();

    @Test
    void topicRateIsTheGrowthOfItsEndOffsetsPerSecondOverAllPartitions() {
        FlowFigures figures = FlowFigures.of(topology,
                sample(T0, Map.of(tp("order", 0), 10L, tp("order", 1), 0L), Map.of()),
                sample(T2, Map.of(tp("order", 0), 30L, tp("order", 1), 10L), Map.of()));

        assertThat(figures.nodes().get("topic:order")).isEqualTo(new NodeFigures(40L, null, null, 15.0));
        // Only intake writes order: intake's rate, and the edges into and out of the
        // intake route, are order's.
        assertThat(figures.nodes().get("order-intake").ratePerSecond()).isEqualTo(15.0);
        assertThat(figures.edges().get(edge("post-orders", "order-intake"))).isEqualTo(15.0);
        assertThat(figures.edges().get(edge("order-intake", "topic:order"))).isEqualTo(15.0);
    }

    @Test
    void stageLagIsEndMinusCommittedAndAnUncommittedPartitionCountsWhole() {
        FlowFigures figures = FlowFigures.of(topology,
                sample(T0, Map.of(tp("order", 0), 10L, tp("order", 1), 4L),
                        Map.of("transaction-service", Map.of(tp("order", 0), 5L))),
                sample(T2, Map.of(tp("order", 0), 30L, tp("order", 1), 10L),
                        Map.of("transaction-service", Map.of(tp("order", 0), 25L))));

        NodeFigures transactions = figures.nodes().get("transactions");
        assertThat(transactions.lag()).isEqualTo(30 - 25 + 10);
        assertThat(transactions.ratePerSecond()).as("committed 5 -> 25 in 2 s").isEqualTo(10.0);
        assertThat(figures.edges().get(edge("topic:order", "transactions"))).isEqualTo(10.0);
    }

    @Test
    void errorsAreTheRecordsOnTheStagesDeadLetterTopicsAndExternalEdgesFollowTheMemory() {
        Map<TopicPartition, Long> before = new HashMap<>(Map.of(tp("order_confirm.DLT", 0), 1L,
                tp("order_declined.DLT", 0), 0L, tp("email.sent", 0), 100L, tp("email.sent", 1), 50L));
        Map<TopicPartition, Long> after = new HashMap<>(Map.of(tp("order_confirm.DLT", 0), 2L,
                tp("order_declined.DLT", 0), 1L, tp("email.sent", 0), 110L, tp("email.sent", 1), 56L));

        FlowFigures figures = FlowFigures.of(topology, sample(T0, before, Map.of()), sample(T2, after, Map.of()));

        assertThat(figures.nodes().get("email").errors()).isEqualTo(3);
        assertThat(figures.edges().get(edge("email", "smtp"))).as("16 mails recorded in 2 s").isEqualTo(8.0);
        assertThat(figures.nodes().get("topic:order_confirm.DLT").records()).isEqualTo(2);
    }

    @Test
    void severalWritersOfOneTopicEachShowTheirOwnRate() {
        FlowFigures figures = FlowFigures.of(topology,
                sample(T0, Map.of(tp("order", 0), 0L, tp("order_status", 0), 0L),
                        Map.of("transaction-service", Map.of(tp("order", 0), 0L))),
                sample(T2, Map.of(tp("order", 0), 8L, tp("order_status", 0), 14L),
                        Map.of("transaction-service", Map.of(tp("order", 0), 6L))));

        assertThat(figures.nodes().get("topic:order_status").ratePerSecond()).isEqualTo(7.0);
        assertThat(figures.edges().get(edge("order-intake", "topic:order_status"))).isEqualTo(4.0);
        assertThat(figures.edges().get(edge("transactions", "topic:order_status"))).isEqualTo(3.0);
    }

    @Test
    void withoutAnEarlierSampleRatesAreZeroButCountsAndLagAreKnown() {
        FlowFigures figures = FlowFigures.of(topology, null,
                sample(T0, Map.of(tp("order", 0), 12L), Map.of("transaction-service", Map.of())));

        assertThat(figures.nodes().get("topic:order")).isEqualTo(new NodeFigures(12L, null, null, 0.0));
        assertThat(figures.nodes().get("transactions").lag()).isEqualTo(12);
        assertThat(figures.edges().values()).allMatch(rate -> rate == 0.0);
    }

    @Test
    void aGroupTheBrokerDidNotReportHasNoLagAndNoRate() {
        FlowFigures figures = FlowFigures.of(topology,
                sample(T0, Map.of(tp("order", 0), 0L), Map.of("transaction-service", Map.of(tp("order", 0), 0L))),
                sample(T2, Map.of(tp("order", 0), 8L), Map.of()));

        assertThat(figures.nodes().get("transactions").lag()).isNull();
        assertThat(figures.nodes().get("transactions").ratePerSecond()).isZero();
        assertThat(figures.nodes().get("topic:order").ratePerSecond()).isEqualTo(4.0);
    }

    @Test
    void offsetsThatWentBackCountAsNoGrowth() {
        FlowFigures figures = FlowFigures.of(topology, sample(T0, Map.of(tp("order", 0), 50L), Map.of()),
                sample(T2, Map.of(tp("order", 0), 3L), Map.of()));

        assertThat(figures.nodes().get("topic:order").ratePerSecond()).isZero();
    }

    private Edge edge(String from, String to) {
        return topology.edges()
            .stream()
            .filter(e -> e.from().equals(from) && e.to().equals(to))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }

    static OffsetSample sample(Instant at, Map<TopicPartition, Long> ends,
            Map<String, Map<TopicPartition, Long>> committed) {
        return new OffsetSample(at, ends, committed);
    }

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

}
