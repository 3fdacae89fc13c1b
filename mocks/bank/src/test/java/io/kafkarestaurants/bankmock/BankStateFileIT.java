package io.kafkarestaurants.bankmock;

import static io.kafkarestaurants.bankmock.Bank.APPROVES;
import static io.kafkarestaurants.bankmock.Bank.INSUFFICIENT_FUNDS;
import static io.kafkarestaurants.bankmock.Bank.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decisions outlive the mock: a restart with the same state file answers as before,
 * even after a SIGKILL.
 */
class BankStateFileIT {

    @TempDir
    Path dir;

    @Test
    void restartedBankAnswersEveryDecidedKeyAsBefore() {
        Path state = dir.resolve("bank/payments.jsonl");
        HttpResponse<String> approved;
        HttpResponse<String> declined;
        String firstAt;
        try (Bank bank = Bank.withStateFile(state)) {
            approved = bank.charge("ord-1", APPROVES);
            declined = bank.charge("ord-2", INSUFFICIENT_FUNDS);
            firstAt = bank.payments().get(0).get("firstAt").asText();
        }

        try (Bank restarted = Bank.withStateFile(state)) {
            assertThat(json(restarted.lookup("ord-1")).get("paymentId")).isEqualTo(json(approved).get("paymentId"));
            HttpResponse<String> approvedAgain = restarted.charge("ord-1", APPROVES);
            HttpResponse<String> declinedAgain = restarted.charge("ord-2", INSUFFICIENT_FUNDS);

            assertThat(approvedAgain.statusCode()).isEqualTo(201);
            assertThat(approvedAgain.body()).isEqualTo(approved.body());
            assertThat(approvedAgain.headers().firstValue(Answer.REPLAYED)).contains("true");
            assertThat(declinedAgain.statusCode()).isEqualTo(402);
            assertThat(declinedAgain.body()).isEqualTo(declined.body());
            assertThat(restarted.payments()).extracting(p -> p.get("idempotencyKey").asText())
                .containsExactly("ord-1", "ord-2");
            assertThat(restarted.payments().get(0).get("firstAt").asText()).isEqualTo(firstAt);
        }
        assertThat(text(state)).as("no card number on disk").doesNotContain(APPROVES);
    }

    @Test
    void lastLineCutShortByAKillIsDroppedAndTheFileStaysUsable() throws IOException {
        Path state = dir.resolve("payments.jsonl");
        HttpResponse<String> approved;
        try (Bank bank = Bank.withStateFile(state)) {
            approved = bank.charge("ord-1", APPROVES);
        }
        Files.writeString(state, "{\"idempotencyKey\":\"ord-cut\",\"requestSha", StandardOpenOption.APPEND);

        HttpResponse<String> afterCut;
        try (Bank restarted = Bank.withStateFile(state)) {
            assertThat(restarted.charge("ord-1", APPROVES).body()).isEqualTo(approved.body());
            assertThat(restarted.lookup("ord-cut").statusCode()).isEqualTo(404);
            afterCut = restarted.charge("ord-3", APPROVES);
        }

        try (Bank again = Bank.withStateFile(state)) {
            assertThat(again.payments()).extracting(p -> p.get("idempotencyKey").asText())
                .containsExactly("ord-1", "ord-3");
            assertThat(again.charge("ord-3", APPROVES).body()).isEqualTo(afterCut.body());
        }
        assertThat(text(state)).doesNotContain("ord-cut").endsWith("\n");
    }

    @Test
    void lineThatIsNotAPaymentFailsTheStartNamingIt() throws IOException {
        Path state = dir.resolve("payments.jsonl");
        Files.writeString(state, "not a payment\n");

        assertThatThrownBy(() -> Bank.withStateFile(state))
            .hasStackTraceContaining(state + " line 1 is not a recorded payment");
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

}
