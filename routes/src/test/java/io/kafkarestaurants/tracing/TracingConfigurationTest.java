package io.kafkarestaurants.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TracingConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(TracingConfiguration.class)
        .withPropertyValues("restaurants.roles=transactions");

    @Test
    void withoutAnEndpointSpansHaveTraceIdsButAreNotRecorded() {
        runner.withPropertyValues("restaurants.tracing.otlp-endpoint=").run(context -> {
            assertThat(context).hasSingleBean(OpenTelemetrySdk.class)
                .hasSingleBean(Tracer.class)
                .doesNotHaveBean(SpanProcessor.class);
            var span = context.getBean(Tracer.class).spanBuilder("order").startSpan();
            assertThat(span.getSpanContext().isValid()).as("a trace id exists").isTrue();
            assertThat(span.getSpanContext().isSampled()).isFalse();
            assertThat(span.isRecording()).isFalse();
            span.end();
        });
    }

    @Test
    void withASpanProcessorEveryTraceIsSampled() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        runner.withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(exporter)).run(context -> {
            var span = context.getBean(Tracer.class).spanBuilder("order").startSpan();
            assertThat(span.getSpanContext().isSampled()).isTrue();
            span.end();
            assertThat(exporter.getFinishedSpanItems()).extracting(data -> data.getName()).containsExactly("order");
        });
    }

    @Test
    void anEndpointExportsInBatchesToItsTracesPath() {
        runner.withPropertyValues("restaurants.tracing.otlp-endpoint=http://otel-collector:4318/").run(context -> {
            assertThat(context).getBean(SpanProcessor.class)
                .isInstanceOf(BatchSpanProcessor.class)
                .asString()
                .contains("http://otel-collector:4318/v1/traces");
            assertThat(context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().toString())
                .contains("service.name=\"kafka-restaurants-transactions\"");
        });
    }

    @Test
    void theServiceIsNamedAfterTheRolesOfTheProcess() {
        assertThat(TracingConfiguration.serviceName("email")).isEqualTo("kafka-restaurants-email");
        assertThat(TracingConfiguration.serviceName("api, transactions,email"))
            .isEqualTo("kafka-restaurants-api-transactions-email");
    }

}
