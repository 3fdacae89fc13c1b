package io.kafkarestaurants.flow;

import java.time.Duration;

/** {@code GET /flow}: the topology with the latest figures, the chart's series and the test orders' state. */
public final class FlowView {

    private final FlowTopology topology;
    private final FlowMonitor monitor;
    private final TestOrders testOrders;
    private final Duration interval;

    FlowView(FlowTopology topology, FlowMonitor monitor, TestOrders testOrders, Duration interval) {
        this.topology = topology;
        this.monitor = monitor;
        this.testOrders = testOrders;
        this.interval = interval;
    }

    /** Starts sampling when nobody looked for a while, and waits for its first sample at most one interval. */
    public FlowAnswer current() {
        return FlowAnswer.of(topology, monitor.look(interval), monitor.stages(), interval, testOrders.state());
    }
}
