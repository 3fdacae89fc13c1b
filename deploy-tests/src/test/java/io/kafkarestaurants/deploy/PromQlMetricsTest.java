package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The PromQL reader finds the metrics a panel reads and nothing else: no functions,
 * labels, variables or numbers.
 */
class PromQlMetricsTest {

    @Test
    void aHistogramQuantileReadsItsBucketSeriesOnly() {
        String expression = "histogram_quantile(0.95, sum by (le, status) (rate(restaurants_bank_charge_seconds_bucket"
                + "{namespace=\"$namespace\", job=~\"$job\", pod=~\"${pod}\"}[$__rate_interval])))";

        assertThat(PromQlMetrics.names(expression)).containsExactly("restaurants_bank_charge_seconds_bucket");
    }

    @Test
    void bareSelectorsOperandsAndGroupingClausesAreToldApart() {
        String expression = "sum(rate(http_server_requests_seconds_count[5m])) without (uri) / on (pod) group_left(area)"
                + " jvm_memory_used_bytes > bool 0.5 * 1e3 or up offset 5m unless absent(process_uptime_seconds)";

        assertThat(PromQlMetrics.names(expression)).containsExactlyInAnyOrder("http_server_requests_seconds_count",
                "jvm_memory_used_bytes", "up", "process_uptime_seconds");
    }

    @Test
    void labelValuesInStringsAndMatchersAreNotMetrics() {
        String expression = "max by (group) (kafka_consumer_fetch_manager_records_lag_max{topic=\"order\","
                + " group!~\"a(b)|c{d}\"}) + sum(restaurants_orders_total{outcome='refused'})";

        assertThat(PromQlMetrics.names(expression))
            .containsExactlyInAnyOrder("kafka_consumer_fetch_manager_records_lag_max", "restaurants_orders_total");
    }

    @Test
    void aQueryVariableReadsTheSelectorOfItsLabelValues() {
        assertThat(PromQlMetrics
            .variableNames("label_values(process_uptime_seconds{application=\"x\", namespace=\"$namespace\"}, job)"))
            .containsExactly("process_uptime_seconds");
        assertThat(PromQlMetrics.variableNames("label_values(namespace)")).isEmpty();
    }

}
