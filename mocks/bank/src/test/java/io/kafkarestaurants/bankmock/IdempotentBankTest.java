package io.kafkarestaurants.bankmock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IdempotentBankTest {

    @Test
    void stateFileComesFromThePropertyThenTheEnvironmentElseNowhere() {
        assertThat(IdempotentBank.stateFile("/a/payments.jsonl", "/b/payments.jsonl"))
            .contains(Path.of("/a/payments.jsonl"));
        assertThat(IdempotentBank.stateFile(null, "/b/payments.jsonl")).contains(Path.of("/b/payments.jsonl"));
        assertThat(IdempotentBank.stateFile(" ", "/b/payments.jsonl")).contains(Path.of("/b/payments.jsonl"));
        assertThat(IdempotentBank.stateFile(null, "")).isEmpty();
        assertThat(IdempotentBank.stateFile(null, null)).isEmpty();
    }

}
