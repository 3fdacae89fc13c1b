package io.kafkarestaurants.flow;

import java.time.Instant;
import java.util.List;

/**
 * A run of test orders as the page shows it: how many were asked for, sent, accepted
 * (202) and refused by intake, at what rate and decline share, its state
 * ({@code running}, {@code done}, {@code stopped}) and the ids of its last accepted
 * orders (to open their trail).
 */
public record TestOrderRun(String id, int requested, int sent, int accepted, int refused, double ratePerSecond,
        double declineShare, String state, Instant startedAt, List<String> lastOrderIds) {

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String STOPPED = "stopped";

}
