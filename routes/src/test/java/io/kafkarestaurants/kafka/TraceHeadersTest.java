package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.tracing.StageKafkaSpanDecorator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.opentelemetry.propagators.OpenTelemetryGetter;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.tracing.ExtractAdapter;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT_SPAN_ID = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01";

    @Test
    void theRecordsTraceContextContinuesOnTheExchangeAsCamelsTracerReadsIt() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", bytes(TRACEPARENT));
        headers.add("tracestate", bytes("vendor=value"));
        headers.add("baggage", bytes("tenant=eu"));
        Message message = message();

        TraceHeaders.copy(headers, message);

        assertThat(message.getHeaders()).containsEntry("traceparent", TRACEPARENT)
            .containsEntry("tracestate", "vendor=value")
            .containsEntry("baggage", "tenant=eu");
        ExtractAdapter adapter = new StageKafkaSpanDecorator().getExtractAdapter(message.getHeaders(), false);
        Context extracted = W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), adapter, new OpenTelemetryGetter(adapter));
        SpanContext parent = Span.fromContext(extracted).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(PARENT_SPAN_ID);
    }

    @Test
    void theLastValueOfARepeatedHeaderWins() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", bytes("00-" + "1".repeat(32) + "-" + PARENT_SPAN_ID + "-01"));
        headers.add("traceparent", bytes(TRACEPARENT));
        Message message = message();

        TraceHeaders.copy(headers, message);

        assertThat(message.getHeader("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(TraceHeaders.traceId(headers)).isEqualTo(TRACE_ID);
    }

    @Test
    void aRecordWithoutTraceHeadersAddsNone() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dlt-original-topic", bytes("order"));
        Message message = message();

        TraceHeaders.copy(headers, message);

        assertThat(message.getHeaders()).isEmpty();
        assertThat(TraceHeaders.traceId(headers)).isNull();
    }

    @Test
    void anInvalidTraceparentHasNoTraceId() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", bytes("00-" + "0".repeat(32) + "-" + PARENT_SPAN_ID + "-01"));

        assertThat(TraceHeaders.traceId(headers)).isNull();
    }

    private static Message message() {
        return new DefaultMessage(new DefaultCamelContext());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
