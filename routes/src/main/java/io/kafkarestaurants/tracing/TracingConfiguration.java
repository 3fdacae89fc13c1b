package io.kafkarestaurants.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry SDK Camel's tracer (camel-opentelemetry-starter) uses: it finds the
 * {@link Tracer} and {@link ContextPropagators} beans below, never the no-op global.
 * Every order is one trace, propagated in W3C {@code traceparent} / {@code baggage}
 * headers, over HTTP and in Kafka record headers. Spans reach every {@link SpanProcessor}
 * bean: the OTLP exporter below when an endpoint is set. With a processor, every trace is
 * sampled (parent-based, always on); with none, none is (parent-based, always off): spans
 * are then not recorded, which nothing would read, but each still has its trace id,
 * handed on in traceparent (flagged not sampled), so every order's log lines and history
 * carry its trace id all the same. The service is named after the roles this process
 * runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingProperties.class)
class TracingConfiguration {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(@Value("${restaurants.roles}") String roles,
            ObjectProvider<SpanProcessor> processors) {
        SdkTracerProviderBuilder tracers = SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName(roles)))));
        List<SpanProcessor> readers = processors.orderedStream().toList();
        readers.forEach(tracers::addSpanProcessor);
        tracers.setSampler(Sampler.parentBased(readers.isEmpty() ? Sampler.alwaysOff() : Sampler.alwaysOn()));
        return OpenTelemetrySdk.builder()
            .setTracerProvider(tracers.build())
            .setPropagators(ContextPropagators.create(TextMapPropagator
                .composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    }

    /**
     * Batches spans to the collector off the routes' threads; spans beyond its queue are
     * dropped, never waited for.
     */
    @Bean
    @ConditionalOnExpression("'${restaurants.tracing.otlp-endpoint:}'.trim() != ''")
    SpanProcessor otlpExport(TracingProperties tracing) {
        return BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(tracing.tracesUrl()).build())
            .build();
    }

    @Bean
    Tracer camelTracer(OpenTelemetrySdk openTelemetry) {
        return openTelemetry.getTracer("camel");
    }

    @Bean
    ContextPropagators contextPropagators(OpenTelemetrySdk openTelemetry) {
        return openTelemetry.getPropagators();
    }

    @Bean
    OrderTraces orderTraces() {
        return new OrderTraces();
    }

    /**
     * kafka-restaurants-api, -transactions, -email; roles sharing a process are joined
     * (-api-transactions-email).
     */
    static String serviceName(String roles) {
        return "kafka-restaurants-" + Arrays.stream(roles.split(","))
            .map(String::strip)
            .filter(r -> !r.isEmpty())
            .collect(Collectors.joining("-"));
    }

}
