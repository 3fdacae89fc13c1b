package io.kafkarestaurants.tracing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where spans go (prefix {@code restaurants.tracing}): {@code otlpEndpoint} is an
 * OTLP/HTTP collector's base URL (e.g. {@code http://otel-collector:4318}, env
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}); spans go to its {@code /v1/traces}. Empty: spans
 * are made (every order still has its trace id, in its logs and its status history) but
 * sent nowhere.
 */
@ConfigurationProperties("restaurants.tracing")
record TracingProperties(String otlpEndpoint) {

    boolean exports() {
        return otlpEndpoint != null && !otlpEndpoint.isBlank();
    }

    /**
     * The traces URL under the base endpoint, as OTLP/HTTP exporters derive it from
     * OTEL_EXPORTER_OTLP_ENDPOINT.
     */
    String tracesUrl() {
        String base = otlpEndpoint.strip();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }
}
