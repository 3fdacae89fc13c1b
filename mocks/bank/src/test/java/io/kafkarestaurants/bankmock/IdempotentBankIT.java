package io.kafkarestaurants.bankmock;

import static io.kafkarestaurants.bankmock.Bank.APPROVES;
import static io.kafkarestaurants.bankmock.Bank.AT_ONCE;
import static io.kafkarestaurants.bankmock.Bank.DECLINES;
import static io.kafkarestaurants.bankmock.Bank.FAILS_TWICE;
import static io.kafkarestaurants.bankmock.Bank.FAILS_WITH_500;
import static io.kafkarestaurants.bankmock.Bank.SLOW;
import static io.kafkarestaurants.bankmock.Bank.SLOW_CARD_DELAY;
import static io.kafkarestaurants.bankmock.Bank.chargeBody;
import static io.kafkarestaurants.bankmock.Bank.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bank mock with its real mappings and the idempotency extension: what the
 * transactions stage talks to.
 */
class IdempotentBankIT {

    final Bank bank = Bank.inMemory();

    final String key = "ord-" + UUID.randomUUID();

    @AfterEach
    void stop() {
        bank.close();
    }

    @Test
    void approvedChargeIsRecordedAndLookedUpByItsKey() {
        HttpResponse<String> charged = bank.charge(key, APPROVES);

        assertThat(charged.statusCode()).isEqualTo(201);
        assertThat(replayed(charged)).isEmpty();
        String paymentId = json(charged).get("paymentId").asText();
        assertThat(paymentId).startsWith("pay_");

        HttpResponse<String> lookup = bank.lookup(key);
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(contentType(lookup)).contains("application/json");
        assertThat(json(lookup)).isEqualTo(json(
                "{\"paymentId\":\"" + paymentId + "\",\"status\":\"APPROVED\",\"idempotencyKey\":\"" + key + "\"}"));

        JsonNode payment = onlyPayment();
        assertThat(payment.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");
        assertThat(payment.get("paymentId").asText()).isEqualTo(paymentId);
        assertThat(payment.has("reason")).isFalse();
        assertThat(Instant.parse(payment.get("firstAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(payment.get("replays").asInt()).isZero();
        assertThat(payment.get("lookups").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({ "4242424242424242, 201, APPROVED", "4000000000000002, 402, DECLINED",
            "4000000000009995, 402, DECLINED", "4242 4242 4242 4242, 422, INVALID" })
    void decidedChargeSentAgainGetsTheSameAnswerMarkedReplayed(String card, int status, String outcome) {
        HttpResponse<String> first = bank.charge(key, card);

        HttpResponse<String> again = bank.charge(key, card);

        assertThat(first.statusCode()).isEqualTo(status);
        assertThat(again.statusCode()).isEqualTo(status);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(contentType(again)).contains("application/json");
        assertThat(replayed(first)).isEmpty();
        assertThat(replayed(again)).contains("true");
        JsonNode payment = onlyPayment();
        assertThat(payment.get("status").asText()).isEqualTo(outcome);
        assertThat(payment.has("paymentId")).isEqualTo(status == 201);
        assertThat(payment.has("reason")).isEqualTo(status != 201);
        assertThat(payment.get("replays").asInt()).isEqualTo(1);
    }

    /**
     * The bank charges when the request arrives; only its answer is late. Its replay does
     * not wait.
     */
    @Test
    void slowCardIsDecidedWhenTheRequestArrivesAndItsReplayComesAtOnce() throws Exception {
        CompletableFuture<HttpResponse<String>> first = bank.chargeAsync(key, chargeBody(key, SLOW),
                SLOW_CARD_DELAY.multipliedBy(3));

        await().atMost(AT_ONCE).until(() -> bank.lookup(key).statusCode() == 200);
        assertThat(first).as("the first answer is still on its way").isNotDone();
        JsonNode lookup = json(bank.lookup(key));
        assertThat(lookup.get("status").asText()).isEqualTo("APPROVED");

        // The client gives up after AT_ONCE (5 s): a replay that served the stub's 10 s
        // delay would fail here.
        HttpResponse<String> replay = bank.charge(key, SLOW);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replayed(replay)).contains("true");
        assertThat(json(replay).get("paymentId")).isEqualTo(lookup.get("paymentId"));

        HttpResponse<String> late = first.get(SLOW_CARD_DELAY.multipliedBy(3).toSeconds(), TimeUnit.SECONDS);
        assertThat(late.statusCode()).isEqualTo(201);
        assertThat(replayed(late)).isEmpty();
        assertThat(late.body()).isEqualTo(replay.body());
    }

    @Test
    void lookupOfAnUnknownKeyIs404() {
        HttpResponse<String> lookup = bank.lookup("ord-never-charged");

        assertThat(lookup.statusCode()).isEqualTo(404);
        assertThat(contentType(lookup)).contains("application/json");
        assertThat(json(lookup)).isEqualTo(json("{\"error\":\"no_such_payment\"}"));
    }

    @Test
    void processingErrorIsNotRecordedSoARetryIsAnsweredAfresh() {
        HttpResponse<String> first = bank.charge(key, FAILS_WITH_500);
        HttpResponse<String> retry = bank.charge(key, FAILS_WITH_500);

        assertThat(List.of(first.statusCode(), retry.statusCode())).containsExactly(500, 500);
        assertThat(replayed(retry)).isEmpty();
        assertThat(bank.lookup(key).statusCode()).isEqualTo(404);
        assertThat(bank.payments()).isEmpty();
    }

    @Test
    void flakyCardIsRecordedOnlyWhenItIsApproved() {
        bank.resetScenarios();

        assertThat(bank.charge(key, FAILS_TWICE).statusCode()).isEqualTo(503);
        assertThat(bank.lookup(key).statusCode()).isEqualTo(404);
        assertThat(bank.charge(key, FAILS_TWICE).statusCode()).isEqualTo(503);
        assertThat(bank.lookup(key).statusCode()).isEqualTo(404);
        HttpResponse<String> approved = bank.charge(key, FAILS_TWICE);
        HttpResponse<String> again = bank.charge(key, FAILS_TWICE);

        assertThat(approved.statusCode()).isEqualTo(201);
        assertThat(replayed(approved)).isEmpty();
        assertThat(again.body()).isEqualTo(approved.body());
        assertThat(replayed(again)).contains("true");
        assertThat(json(bank.lookup(key)).get("paymentId")).isEqualTo(json(approved).get("paymentId"));
        assertThat(onlyPayment().get("replays").asInt()).isEqualTo(1);
    }

    /**
     * A replay is answered before any stub: it neither meets a failing stub again nor
     * moves a scenario.
     */
    @Test
    void decidedKeyNeverReachesTheStubsAgain() {
        bank.resetScenarios();
        bank.charge(key, FAILS_TWICE);
        bank.charge(key, FAILS_TWICE);
        HttpResponse<String> approved = bank.charge(key, FAILS_TWICE);
        bank.resetScenarios();

        HttpResponse<String> again = bank.charge(key, FAILS_TWICE);
        HttpResponse<String> otherOrder = bank.charge("ord-" + UUID.randomUUID(), FAILS_TWICE);

        assertThat(again.statusCode()).as("the stub would answer 503 now").isEqualTo(201);
        assertThat(again.body()).isEqualTo(approved.body());
        assertThat(otherOrder.statusCode()).as("the replay left the scenario where the reset put it").isEqualTo(503);
    }

    @Test
    void keyReusedWithAnotherBodyIsRefusedAndChangesNothing() {
        HttpResponse<String> charged = bank.charge(key, APPROVES);

        HttpResponse<String> reused = bank.charge(key, DECLINES);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(contentType(reused)).contains("application/json");
        assertThat(replayed(reused)).isEmpty();
        assertThat(json(reused)).isEqualTo(json("{\"status\":\"INVALID\",\"reason\":\"idempotency_key_reused\"}"));
        JsonNode payment = onlyPayment();
        assertThat(payment.get("status").asText()).isEqualTo("APPROVED");
        assertThat(payment.get("replays").asInt()).isZero();
        assertThat(bank.charge(key, APPROVES).body()).isEqualTo(charged.body());
    }

    /**
     * A client that restarted may send the same charge with its JSON fields in another
     * order: still a retry.
     */
    @Test
    void theSameChargeWithItsFieldsInAnotherOrderIsARetryNotAReuse() {
        HttpResponse<String> charged = bank.post(key, "{\"orderId\":\"" + key + "\",\"amount\":{\"value\":\"9.50\","
                + "\"currency\":\"EUR\"},\"card\":{\"number\":\"" + APPROVES + "\",\"expiry\":\"12/39\"}}");

        HttpResponse<String> again = bank.post(key, "{\"card\":{\"expiry\":\"12/39\",\"number\":\"" + APPROVES
                + "\"},\"amount\":{\"currency\":\"EUR\",\"value\":\"9.50\"},\"orderId\":\"" + key + "\"}");

        assertThat(charged.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(charged.body());
        assertThat(replayed(again)).contains("true");
    }

    @Test
    void chargeWithoutAKeyIsAnsweredByTheStubsAndNotRecorded() {
        HttpResponse<String> answer = bank.post(null, chargeBody(key, APPROVES));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(json(answer).get("reason").asText()).isEqualTo("missing_idempotency_key");
        assertThat(bank.payments()).isEmpty();
    }

    @Test
    void concurrentChargesWithOneNewKeyGetOneDecision() {
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 16)
            .mapToObj(i -> bank.chargeAsync(key, chargeBody(key, APPROVES), AT_ONCE))
            .toList();

        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(answer -> json(answer).get("paymentId").asText()).distinct()).hasSize(1);
        assertThat(answers.stream().filter(answer -> replayed(answer).isEmpty())).hasSize(1);
        assertThat(onlyPayment().get("replays").asInt()).isEqualTo(15);
    }

    private JsonNode onlyPayment() {
        JsonNode payments = bank.payments();
        assertThat(payments).hasSize(1);
        return payments.get(0);
    }

    private static Optional<String> replayed(HttpResponse<String> answer) {
        return answer.headers().firstValue(Answer.REPLAYED);
    }

    private static Optional<String> contentType(HttpResponse<String> answer) {
        return answer.headers().firstValue("Content-Type");
    }

}
