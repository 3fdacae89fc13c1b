package io.kafkarestaurants.tracing;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.tracing.InjectAdapter;
import org.apache.camel.tracing.SpanAdapter;
import org.apache.camel.tracing.decorators.AbstractSpanDecorator;

/**
 * The SMTP send is a CLIENT span of the order's trace, but its context is not injected:
 * Camel's tracer would put {@code traceparent} in the exchange's headers, and camel-mail
 * turns headers into the customer's mail headers. Named after the endpoint's scheme
 * ({@code smtp}), not camel-mail's default name ({@code imap}). Registered in
 * META-INF/services.
 */
public class SmtpSpanDecorator extends AbstractSpanDecorator {

    private static final InjectAdapter NOWHERE = (key, value) -> {
    };

    @Override
    public String getComponent() {
        return "smtp";
    }

    @Override
    public String getComponentClassName() {
        return "org.apache.camel.component.mail.MailComponent";
    }

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return scheme(endpoint);
    }

    @Override
    public void pre(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.pre(span, exchange, endpoint);
        span.setComponent(CAMEL_COMPONENT + scheme(endpoint));
    }

    @Override
    public InjectAdapter getInjectAdapter(Map<String, Object> headers, boolean encoding) {
        return NOWHERE;
    }

    private static String scheme(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        return uri.substring(0, uri.indexOf(':'));
    }

}
