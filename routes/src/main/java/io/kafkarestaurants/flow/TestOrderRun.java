package io.kafkarestaurants.flow;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;

/**
 * A run of test orders as the page shows it: how many were asked for, sent, accepted
 * (202) and refused by intake, at what rate and decline share, its state
 * ({@code running}, {@code done}, {@code stopped}) and the ids of its last accepted
 * orders (to open their trail).
 */
public record TestOrderRun(@Schema(requiredMode = RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "100") int requested,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "40") int sent,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "40") int accepted,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0") int refused,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "10.0") double ratePerSecond,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0.2") double declineShare,
        @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
                RUNNING, DONE, STOPPED }, example = RUNNING) String state,
        @Schema(requiredMode = RequiredMode.REQUIRED) Instant startedAt, @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The ids of its last accepted orders, at most 10") List<String> lastOrderIds){

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String STOPPED = "stopped";

}
