package io.kafkarestaurants.flow;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code GET /flow}: the topology with the latest figures, the chart's series and the
 * test orders' state.
 */
public final class FlowView {

    private final Supplier<FlowTopology> topology;

    private final Supplier<FlowMonitor> monitor;

    private final TestOrders testOrders;

    private final Duration interval;

    /**
     * @param topology and monitor: made at the first look
     */
    FlowView(Supplier<FlowTopology> topology, Supplier<FlowMonitor> monitor, TestOrders testOrders, Duration interval) {
        this.topology = topology;
        this.monitor = monitor;
        this.testOrders = testOrders;
        this.interval = interval;
    }

    /**
     * Starts sampling when nobody looked for a while, and waits for its first sample at
     * most one interval.
     */
    public FlowAnswer current() {
        FlowMonitor sampling = monitor.get();
        return FlowAnswer.of(topology.get(), sampling.look(interval), sampling.stages(), interval, testOrders.state());
    }

}
