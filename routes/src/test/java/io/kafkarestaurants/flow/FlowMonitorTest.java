package io.kafkarestaurants.flow;

import static io.kafkarestaurants.flow.FlowFiguresTest.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sampling only while someone looks, the chart's bounded series, and the last figures
 * kept (stale) when Kafka is away.
 */
class FlowMonitorTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T15:00:00Z"));

    private final FakeSampler sampler = new FakeSampler();

    private final FlowMonitor monitor = new FlowMonitor(Flows.topology(), sampler, Duration.ofMillis(20),
            Duration.ofMinutes(1), 5, clock);

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void nothingIsSampledUntilSomeoneLooks() {
        assertThat(monitor.sampling()).isFalse();
        assertThat(sampler.samples).hasValue(0);

        FlowMonitor.Snapshot first = monitor.look(Duration.ofSeconds(5));

        assertThat(first.stale()).isFalse();
        assertThat(first.at()).isNotNull();
        assertThat(monitor.sampling()).isTrue();
    }

    @Test
    void theSeriesKeepsAtMostMaxPointsWithEachStagesRate() {
        monitor.look(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples.get() > 10);

        FlowMonitor.Snapshot snapshot = monitor.look(Duration.ZERO);
        assertThat(snapshot.series()).hasSize(5);
        assertThat(snapshot.series().get(4).rates()).containsOnlyKeys("intake", "transactions", "email");
        assertThat(monitor.stages()).containsExactly("intake", "transactions", "email");
    }

    @Test
    void anUnreachableBrokerLeavesTheLastFiguresMarkedStale() {
        FlowMonitor.Snapshot good = monitor.look(Duration.ofSeconds(5));
        assertThat(good.figures().nodes().get("topic:order").records()).isPositive();

        sampler.failing.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> monitor.look(Duration.ZERO).stale());

        FlowMonitor.Snapshot stale = monitor.look(Duration.ZERO);
        assertThat(stale.figures().nodes()).isNotEmpty();
        assertThat(stale.at()).isEqualTo(good.at());

        sampler.failing.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.look(Duration.ZERO).stale());
    }

    @Test
    void aBrokerNeverReachedAnswersAStaleSnapshotWithoutFigures() {
        sampler.failing.set(true);

        FlowMonitor.Snapshot snapshot = monitor.look(Duration.ofSeconds(5));

        assertThat(snapshot.stale()).isTrue();
        assertThat(snapshot.figures().nodes()).isEmpty();
    }

    @Test
    void samplingStopsOnceNobodyLookedForIdleAfter() {
        monitor.look(Duration.ofSeconds(5));
        int closedBefore = sampler.closed.get();

        clock.advance(Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.sampling());
        int samples = sampler.samples.get();
        assertThat(sampler.closed.get()).isGreaterThan(closedBefore);
        // A later look starts it again, from a fresh series.
        FlowMonitor.Snapshot again = monitor.look(Duration.ofSeconds(5));
        assertThat(again.series()).hasSizeLessThanOrEqualTo(2);
        assertThat(sampler.samples.get()).isGreaterThan(samples);
    }

    /** Counts up the order topic by 10 records per sample; throws while failing. */
    private final class FakeSampler implements FlowMonitor.Sampler {

        final AtomicInteger samples = new AtomicInteger();

        final AtomicInteger closed = new AtomicInteger();

        final AtomicBoolean failing = new AtomicBoolean();

        final AtomicLong orders = new AtomicLong();

        @Override
        public OffsetSample sample() {
            if (failing.get()) {
                throw new KafkaException("broker unreachable");
            }
            samples.incrementAndGet();
            return new OffsetSample(clock.instant(), Map.of(tp("order", 0), orders.addAndGet(10)), Map.of());
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }

    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

    }

}
