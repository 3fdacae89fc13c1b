package io.kafkarestaurants.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * At-least-once for the consuming stages: the record's offset is committed only once the stage has published its
 * outcome (or dead-lettered the record). Consumer routes keep the commit handle in an exchange property, so the
 * stage can strip every transport header before it talks to the next transport.
 */
public class KafkaOffsets {

    public static final String COMMIT_PROPERTY = "kafkaCommit";

    public void remember(Exchange exchange) {
        exchange.setProperty(COMMIT_PROPERTY,
                exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
    }

    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getProperty(COMMIT_PROPERTY, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("No Kafka commit handle on this exchange: is allowManualCommit on?");
        }
        commit.commit();
    }
}
