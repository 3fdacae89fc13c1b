package io.kafkarestaurants.status;

import io.kafkarestaurants.kafka.GivenUpBeforeException;
import io.kafkarestaurants.payment.BankProtocolException;
import io.kafkarestaurants.payment.CardKeyException;
import io.kafkarestaurants.payment.UnknownCardKeyException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import org.apache.camel.http.base.HttpOperationFailedException;

/** The reason code a FAILED status shows for the failure a stage gave up on. */
public final class FailureReasons {

    /** Every reason {@link #of} can give. */
    public static final List<String> ALL = List.of("bank_unavailable", "mail_unavailable", "card_unreadable",
            "card_key_unknown", "io_error", "processing_error");

    private FailureReasons() {
    }

    public static String of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GivenUpBeforeException before) {
                return before.reason();
            }
            if (cause instanceof HttpOperationFailedException || cause instanceof BankProtocolException
                    || cause instanceof java.net.SocketTimeoutException || cause instanceof java.net.ConnectException
                    || cause instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException) {
                return "bank_unavailable";
            }
            if (cause instanceof MessagingException) {
                return "mail_unavailable";
            }
            if (cause instanceof CardKeyException) {
                return "card_unreadable";
            }
            if (cause instanceof UnknownCardKeyException) {
                return "card_key_unknown";
            }
            if (cause instanceof IOException) {
                return "io_error";
            }
        }
        return "processing_error";
    }

}
