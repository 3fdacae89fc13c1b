package io.kafkarestaurants.tracing;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.tracing.decorators.KafkaSpanDecorator;

/**
 * Spans of the stages' consumers ({@code stage-kafka}) as camel-kafka's own: a CONSUMER
 * span named after the topic of the record, with its partition, offset and key, whose
 * parent is the trace context the record carried (its headers, copied onto the exchange
 * by the stage consumer). Registered in META-INF/services.
 */
public class StageKafkaSpanDecorator extends KafkaSpanDecorator {

    @Override
    public String getComponent() {
        return "stage-kafka";
    }

    @Override
    public String getComponentClassName() {
        return "io.kafkarestaurants.kafka.StageConsumerComponent";
    }

    /**
     * The record's topic: one endpoint consumes several (the email stage reads
     * order_confirm and order_declined).
     */
    @Override
    public String getDestination(Exchange exchange, Endpoint endpoint) {
        String topic = exchange.getIn().getHeader(KafkaConstants.TOPIC, String.class);
        return topic != null ? topic : super.getDestination(exchange, endpoint);
    }

}
