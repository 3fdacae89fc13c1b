package io.kafkarestaurants.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench reads other programs' output: wrk, the Kafka performance tools and /proc. */
class ParsersTest {

    @Test
    void readsWrkRateErrorsAndPercentilesInAnyUnit() {
        Wrk.Result result = Wrk.parse("""
                Running 10s test @ http://127.0.0.1:8080
                  1 threads and 16 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     5.43ms    2.10ms  40.12ms   80.00%
                  Latency Distribution
                     50%  812.00us
                     75%    6.20ms
                     90%    9.10ms
                     99%    1.20s
                  29000 requests in 10.00s, 12.00MB read
                  Socket errors: connect 0, read 2, write 0, timeout 3
                  Non-2xx or 3xx responses: 7
                Requests/sec:   2900.12
                Transfer/sec:      1.20MB
                """);
        assertThat(result.requestsPerSecond()).isEqualTo(2900.12);
        assertThat(result.requests()).isEqualTo(29000);
        assertThat(result.non2xx()).isEqualTo(7);
        assertThat(result.socketErrors()).isEqualTo(5);
        assertThat(result.p50Ms()).isEqualTo(0.812);
        assertThat(result.p90Ms()).isEqualTo(9.1);
        assertThat(result.p99Ms()).isEqualTo(1200.0);
    }

    @Test
    void refusesWrkOutputWithoutARate() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:8080 Connection refused"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheProducerToolsSummaryLine() {
        String output = """
                40001 records sent, 8000.2 records/sec (7.81 MB/sec), 120.5 ms avg latency, 400.0 ms max latency.
                100000 records sent, 9123.4 records/sec (8.91 MB/sec), 98.1 ms avg latency, 410.0 ms max latency, \
                80 ms 50th, 200 ms 95th, 300 ms 99th, 400 ms 99.9th.
                """;
        assertThat(StagesAlone.producerRate(output)).isEqualTo(9123.4);
        assertThat(StagesAlone.producerLatency(output)).isEqualTo(new StagesAlone.KafkaLatency(80, 300));
    }

    @Test
    void readsTheConsumerToolsRateColumn() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, \
                fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-30 06:40:01:000, 2026-11-30 06:40:03:000, 97.6563, 48.8281, 100000, 50000.0000, 300, 1700, \
                57.4449, 58823.5294
                """.replace("\\\n", "");
        assertThat(StagesAlone.consumerRate(output)).isEqualTo(50000.0);
    }

    @Test
    void readsProcessGroupAndCpuTicksEvenWithSpacesInTheName() {
        Proc.Stat stat = Proc.Stat
            .parse("4242 (java main) S 1 4200 4200 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 " + "40 0 1000 100000 2000");
        assertThat(stat.processGroup()).isEqualTo(4200);
        assertThat(stat.cpuTicks()).isEqualTo(325);
    }

    @Test
    void judgesFloorsAndCeilings() {
        assertThat(Figure.of("rate", 450, "orders/s").atLeast(400).verdict()).isEqualTo("met");
        assertThat(Figure.of("rate", 350, "orders/s").atLeast(400).verdict()).isEqualTo("missed");
        assertThat(Figure.of("p99", 151, "ms").atMost(150).verdict()).isEqualTo("missed");
        assertThat(Figure.of("p99", Double.NaN, "ms").atMost(150).verdict()).isEqualTo("missed");
        assertThat(Figure.of("rate", 260, "orders/s").against(520, "original").ratio()).isEqualTo(0.5);
    }

    @Test
    void roundsChartAxesUpToAPlainNumber() {
        assertThat(Report.niceCeiling(0.7)).isEqualTo(1.0);
        assertThat(Report.niceCeiling(137)).isEqualTo(200.0);
        assertThat(Report.niceCeiling(2400)).isEqualTo(2500.0);
    }

    @Test
    void takesItsTestCardsFromTheBankMocksMappings() throws Exception {
        TestCards cards = TestCards.from(Path.of("../mocks/bank/mappings"));
        assertThat(Path.of("../mocks/bank/mappings/10-card-" + cards.approved() + "-approved.json")).exists();
        assertThat(Path.of("../mocks/bank/mappings/14-card-" + cards.slow() + "-slow-approved.json")).exists();
        assertThat(cards.approved()).isNotEqualTo(cards.slow()).containsOnlyDigits();
    }

}
