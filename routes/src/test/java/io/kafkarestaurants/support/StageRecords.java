package io.kafkarestaurants.support;

import java.util.ArrayList;
import java.util.List;
import io.kafkarestaurants.kafka.StageConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Route tests of a consuming stage hand it records as the stage-kafka consumer does: the
 * record's key, topic, partition and offset as camel-kafka headers, the attempt number in
 * {@code stageAttempt}, plus a hostile header that must reach no other transport. An
 * exchange that ends without an exception has finished the record (its offset gets
 * committed); one that fails is tried again by the consumer, with the next attempt
 * number.
 */
public final class StageRecords {

    /** The header the stage consumer numbers attempts in. */
    public static final String ATTEMPT = StageConsumer.ATTEMPT;

    public static final String INJECTED = "X-Injected";

    private StageRecords() {
    }

    /** One attempt at a record. */
    public static Exchange attempt(ProducerTemplate template, String uri, String record, String topic, String key,
            int attempt) {
        return template.send(uri, exchange -> {
            Message message = exchange.getMessage();
            message.setBody(record);
            message.setHeader(KafkaConstants.TOPIC, topic);
            message.setHeader(KafkaConstants.PARTITION, 1);
            message.setHeader(KafkaConstants.OFFSET, 42L);
            message.setHeader(KafkaConstants.KEY, key);
            message.setHeader(ATTEMPT, attempt);
            message.setHeader(INJECTED, "yes");
        });
    }

    /**
     * Attempts the record as the consumer would, until an attempt finishes it or
     * {@code maxAttempts} failed (the consumer would go on; a stage that never finishes
     * its last attempt is a bug the caller's assertions show).
     */
    public static List<Exchange> untilFinished(ProducerTemplate template, String uri, String record, String topic,
            String key, int maxAttempts) {
        List<Exchange> attempts = new ArrayList<>();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Exchange exchange = attempt(template, uri, record, topic, key, attempt);
            attempts.add(exchange);
            if (!exchange.isFailed()) {
                break;
            }
        }
        return attempts;
    }

}
