package io.kafkarestaurants.flow;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the flow's Kafka figures every {@code interval} on a thread of its own, only
 * while someone looks: the first look starts it, and it stops (closing its admin client)
 * once nobody has looked for {@code idleAfter}. Keeps the last {@code maxPoints} rates of
 * each stage for the chart. When the broker does not answer, the last snapshot stands,
 * marked stale.
 */
final class FlowMonitor implements AutoCloseable {

    /** Orders/s per stage at one sample: intake, then each stage by its node id. */
    @Schema(name = "FlowPoint")
    public record Point(@Schema(requiredMode = RequiredMode.REQUIRED) Instant at, @Schema(
            requiredMode = RequiredMode.REQUIRED,
            description = "Orders/s by stage: intake, then each stage by its node id") Map<String, Double> rates) {
    }

    /** Reads the broker's offsets once; lets go of its connections when closed. */
    interface Sampler extends AutoCloseable {

        OffsetSample sample() throws Exception;

        @Override
        void close();

    }

    /**
     * @param at when the figures were sampled (null before the first answer of the
     * broker)
     */
    record Snapshot(Instant at, boolean stale, FlowFigures figures, List<Point> series) {
    }

    static final String INTAKE = "intake";

    private static final Logger LOG = LoggerFactory.getLogger(FlowMonitor.class);

    private final FlowTopology topology;

    private final Sampler sampler;

    private final Duration interval;

    private final Duration idleAfter;

    private final int maxPoints;

    private final Clock clock;

    private final ScheduledExecutorService scheduler;

    private final Deque<Point> series = new ArrayDeque<>();

    private ScheduledFuture<?> sampling;

    private OffsetSample previous;

    private volatile Instant lastLook;

    private volatile Snapshot latest;

    FlowMonitor(FlowTopology topology, Sampler sampler, Duration interval, Duration idleAfter, int maxPoints,
            Clock clock) {
        this.topology = topology;
        this.sampler = sampler;
        this.interval = interval;
        this.idleAfter = idleAfter;
        this.maxPoints = maxPoints;
        this.clock = clock;
        this.scheduler = DaemonScheduler.named("flow-sampler");
    }

    /** The series' names: intake, then the stages of an order's lifecycle. */
    List<String> stages() {
        List<String> stages = new java.util.ArrayList<>(List.of(INTAKE));
        topology.lifecycleStages().forEach(stage -> stages.add(stage.id()));
        return stages;
    }

    /**
     * The latest snapshot; starts sampling when nobody looked for a while, and then waits
     * for its first sample (at most {@code wait}). Before the broker ever answered: a
     * stale snapshot without figures.
     */
    Snapshot look(Duration wait) {
        lastLook = clock.instant();
        synchronized (this) {
            if (sampling == null) {
                sampling = scheduler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                while (latest == null && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Snapshot snapshot = latest;
        return snapshot != null ? snapshot : new Snapshot(null, true, new FlowFigures(Map.of(), Map.of()), List.of());
    }

    /** One tick of the sampling thread. */
    void sample() {
        if (Duration.between(lastLook, clock.instant()).compareTo(idleAfter) > 0) {
            stop();
            return;
        }
        try {
            OffsetSample sample = sampler.sample();
            FlowFigures figures = FlowFigures.of(topology, previous, sample);
            previous = sample;
            series.addLast(point(sample.at(), figures));
            while (series.size() > maxPoints) {
                series.removeFirst();
            }
            publish(new Snapshot(sample.at(), false, figures, List.copyOf(series)));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (Exception e) {
            LOG.warn("Flow: Kafka did not answer ({}: {}); answering the last snapshot as stale",
                    e.getClass().getSimpleName(), e.getMessage());
            Snapshot last = latest;
            publish(last == null ? new Snapshot(null, true, new FlowFigures(Map.of(), Map.of()), List.of())
                    : new Snapshot(last.at(), true, last.figures(), last.series()));
        }
    }

    private Point point(Instant at, FlowFigures figures) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put(INTAKE,
                topology.ofKind(FlowTopology.ROUTE)
                    .stream()
                    .mapToDouble(route -> figures.nodes().get(route.id()).ratePerSecond())
                    .sum());
        for (FlowTopology.Node stage : topology.lifecycleStages()) {
            rates.put(stage.id(), figures.nodes().get(stage.id()).ratePerSecond());
        }
        return new Point(at, rates);
    }

    private synchronized void publish(Snapshot snapshot) {
        latest = snapshot;
        notifyAll();
    }

    /**
     * Nobody looked for a while: stop sampling and forget, so the next look starts
     * afresh.
     */
    private synchronized void stop() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
        sampler.close();
        previous = null;
        series.clear();
        latest = null;
    }

    /** Whether the sampling thread is running (someone looked within idleAfter). */
    synchronized boolean sampling() {
        return sampling != null;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        sampler.close();
    }

}
