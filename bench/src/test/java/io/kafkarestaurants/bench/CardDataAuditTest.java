package io.kafkarestaurants.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.bench.CardDataAudit.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The card-data invariant fails on a card number in clear however it is written, and only
 * then.
 */
class CardDataAuditTest {

    private final CardDataAudit audit = new CardDataAudit(List.of("4242424242424242", "4000000000000002"));

    @ParameterizedTest
    @ValueSource(
            strings = { "2026-11-30T18:02:07Z DEBUG ... wire : >> \"{\"card\":{\"number\":\"4242424242424242\"}}\"",
                    "Received [POST /orders ... \"card\":{\"number\":\"4242 4242 4242 4242\"}]",
                    "card 4000-0000-0000-0002 declined", "digits run into others: 99994242424242424242" })
    void aLogLineWithACardNumberBreaksTheInvariant(String line) {
        audit.search(Source.LOGS, "logs/app-api.log:7", line);

        ChaosAudit.Row row = audit.row();
        assertThat(row.violations()).containsExactly("logs/app-api.log:7");
        assertThat(row.invariant())
            .isEqualTo("card numbers in clear: 1 (logs 1, DLT 0, mails 0, status answers 0, topics 0)");
        assertThat(ChaosAudit.violations(List.of(row))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"card\":{\"brand\":\"visa\",\"last4\":\"4242\"}", "card ****4242",
            "Matched-Stub-Name: 10-card-424242424242424-approved (one digit short)", "4242 4242 4242 4241", "" })
    void maskedOrOtherNumbersAreNoCardNumbers(String text) {
        audit.search(Source.STATUS, "GET /orders/1", text);

        assertThat(audit.row().violations()).isEmpty();
        assertThat(audit.row().checked()).isEqualTo(1);
    }

    @Test
    void eachPlaceIsCountedUnderItsSource() {
        audit.search(Source.DLT, "order.DLT/0@3", "dlt-exception-message=HTTP 500 ... 4242424242424242");
        audit.search(Source.MAILS, "inbox/a.eml", "Paid with visa ****4242");
        audit.search(Source.MAILS, "inbox/b.eml", "Your card 4000 0000 0000 0002 was declined");
        audit.search(Source.TOPICS, "order/1@9", "{\"payment\":{\"ciphertext\":\"q83v...\"}}");

        ChaosAudit.Row row = audit.row();
        assertThat(row.invariant())
            .isEqualTo("card numbers in clear: 2 (logs 0, DLT 1, mails 1, status answers 0, topics 0)");
        assertThat(row.violations()).containsExactly("inbox/b.eml", "order.DLT/0@3");
        assertThat(row.checked()).isEqualTo(4);
        assertThat(audit.searched()).isEqualTo("logs 0, DLT 1, mails 2, status answers 0, topics 1");
    }

    /**
     * Quoted-printable would break the number across lines, base64 hides it: the decoded
     * parts are searched.
     */
    @Test
    void aMailIsSearchedAsItsPartsDecoded() throws Exception {
        String eml = """
                Message-ID: <o-1.paid@kafka-restaurants.local>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                WW91ciBjYXJkIDQyNDIgNDI0MiA0MjQyIDQyNDIgd2FzIGNoYXJnZWQ=
                --b--
                """.replace("\n", "\r\n");

        audit.search(Source.MAILS, "inbox/o-1.eml", CardDataAudit.mailText(eml.getBytes(StandardCharsets.US_ASCII)));

        assertThat(audit.row().violations()).containsExactly("inbox/o-1.eml");
    }

}
