package io.kafkarestaurants.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.junit.jupiter.api.Test;

class KafkaOffsetsTest {

    private final KafkaOffsets offsets = new KafkaOffsets();
    private final Exchange exchange = mock(Exchange.class);
    private final KafkaManualCommit commit = mock(KafkaManualCommit.class);

    @Test
    void rememberKeepsTheCommitHandleOutsideTheHeaders() {
        Message message = mock(Message.class);
        when(exchange.getMessage()).thenReturn(message);
        when(message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class)).thenReturn(commit);

        offsets.remember(exchange);

        verify(exchange).setProperty(KafkaOffsets.COMMIT_PROPERTY, commit);
    }

    @Test
    void commitCommitsTheRememberedHandle() {
        when(exchange.getProperty(KafkaOffsets.COMMIT_PROPERTY, KafkaManualCommit.class)).thenReturn(commit);

        offsets.commit(exchange);

        verify(commit).commit();
    }

    @Test
    void commitWithoutAHandleFails() {
        assertThatThrownBy(() -> offsets.commit(exchange))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("allowManualCommit");
    }
}
