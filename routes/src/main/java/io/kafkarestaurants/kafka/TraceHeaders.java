package io.kafkarestaurants.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.camel.Message;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context a record carries in its headers (camel-kafka's producers put
 * Camel's {@code traceparent}, {@code tracestate} and {@code baggage} there). Copied onto
 * the exchange, Camel's tracer continues the producer's trace in the stage's route; its
 * trace id also marks the stage consumer's own log lines about the record.
 */
final class TraceHeaders {

    /**
     * The MDC key of the trace id, the one Camel's tracer sets while a route runs
     * (logging.pattern.correlation).
     */
    static final String MDC_TRACE_ID = "trace_id";

    static final List<String> NAMES = List.of("traceparent", "tracestate", "baggage");

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : value(headers, key);
        }
    };

    private TraceHeaders() {
    }

    /** Sets each trace header the record has (its last value, as text) on the message. */
    static void copy(Headers headers, Message message) {
        for (String name : NAMES) {
            String value = value(headers, name);
            if (value != null) {
                message.setHeader(name, value);
            }
        }
    }

    /**
     * The trace id of the record's {@code traceparent}, or null when it has none or an
     * invalid one.
     */
    static String traceId(Headers headers) {
        Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    private static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
