package io.kafkarestaurants.tracing;

import io.opentelemetry.api.trace.TraceId;
import org.apache.camel.Exchange;
import org.apache.camel.tracing.ActiveSpanManager;
import org.apache.camel.tracing.SpanAdapter;

/**
 * The trace id of the processing an exchange is part of (one per order: the POST, every
 * stage and every retry share it), for the history entries a route writes. Read from the
 * span Camel's tracer keeps on the exchange, not from the thread: a route goes on in
 * another thread after an asynchronous Kafka send.
 */
public class OrderTraces {

    /** 32 lowercase hex digits, or null when the exchange is not traced (tracing off). */
    public String traceId(Exchange exchange) {
        SpanAdapter span = ActiveSpanManager.getSpan(exchange);
        String traceId = span == null ? null : span.traceId();
        return traceId != null && TraceId.isValid(traceId) ? traceId : null;
    }

}
