package io.kafkarestaurants.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.events.CardSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424242", "4000000000000002", "5555555555554444", "378282246310005",
            "6011111111111117", "2223003122003222" })
    void knownTestNumbersPassLuhn(String number) {
        assertThat(CardNumbers.luhn(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424241", "4242424242424243", "4000000000000001", "5555555555554440",
            "378282246310006", "1234567812345678" })
    void alteredNumbersFailLuhn(String number) {
        assertThat(CardNumbers.luhn(number)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "4242424242424242, visa", "4000000000000002, visa", "5555555555554444, mastercard",
            "5105105105105100, mastercard", "2223003122003222, mastercard", "2720990000000007, mastercard",
            "378282246310005,  amex", "371449635398431,  amex", "340000000000009,  amex", "6011111111111117, discover",
            "6500000000000002, discover", "3530111333300000, card", "2721000000000000, card" })
    void brandComesFromThePrefix(String number, String brand) {
        assertThat(CardNumbers.brand(number)).isEqualTo(brand);
    }

    @ParameterizedTest
    @CsvSource({ "4242 4242 4242 4242, 4242424242424242", "4242-4242-4242-4242, 4242424242424242",
            "' 4242 - 4242 4242-4242 ', 4242424242424242", "4242424242424242, 4242424242424242" })
    void digitsStripsSpacesAndDashes(String typed, String digits) {
        assertThat(CardNumbers.digits(typed)).isEqualTo(digits);
    }

    @ParameterizedTest
    @CsvSource({ "4242 4242 4242 4242, visa, 4242", "5555-5555-5555-4444, mastercard, 4444",
            "3782 822463 10005, amex, 0005", "6011111111111117, discover, 1117" })
    void summaryIsBrandAndLastFour(String typed, String brand, String last4) {
        assertThat(CardNumbers.summary(typed)).isEqualTo(new CardSummary(brand, last4));
    }

    @Test
    void summaryNeverHoldsTheNumber() {
        assertThat(CardNumbers.summary("4242 4242 4242 4242").toString()).doesNotContain("424242424242");
    }

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424242", "4242 4242 4242 4242", "378282246310005", "424242424242" })
    void acceptableNumbersHaveNoProblem(String typed) {
        assertThat(CardNumbers.problem(typed)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "4242424242424241, is not a valid card number", "42424242428, must have 12 to 19 digits",
            "42424242424242424242, must have 12 to 19 digits", "4242x42424242424, must contain digits only",
            "'4242.4242.4242.4242', must contain digits only", "'', must have 12 to 19 digits" })
    void unacceptableNumbersNameTheirProblem(String typed, String problem) {
        assertThat(CardNumbers.problem(typed)).contains(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "card 4242424242424242 refused      | card ****4242 refused",
                    "card 4242 4242 4242 4242 refused   | card ****4242 refused",
                    "card 4000-0000-0000-0002 refused   | card ****0002 refused",
                    "{\"number\":\"378282246310005\"}   | {\"number\":\"****0005\"}",
                    "two 4242424242424242,4000000000000002 | two ****4242,****0002" })
    void redactCutsEveryCardNumberInATextToItsLastFour(String text, String redacted) {
        assertThat(CardNumbers.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @ValueSource(strings = { "order 4242424242424241 (fails Luhn)", "offset 12345678901", "a run 42424242424242424242",
            "order 0b4f5e7c-22a1-4c1e-9e2d-3f1a2b3c4d5e", "no digits at all" })
    void redactLeavesWhatIsNoCardNumberAlone(String text) {
        assertThat(CardNumbers.redact(text)).isEqualTo(text);
    }

}
