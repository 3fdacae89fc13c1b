package io.kafkarestaurants.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({ "19, 19.00", "4.5, 4.50", "25.25, 25.25", "0, 0.00" })
    void amountIsWrittenWithTwoDecimalPlaces(String amount, String value) {
        assertThat(Money.of(new BigDecimal(amount), "EUR")).isEqualTo(new Money(value, "EUR"));
    }

    @Test
    void amountRefusesToRoundSilently() {
        assertThatThrownBy(() -> Money.of(new BigDecimal("4.999"), "EUR")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void valueAndCurrencyAreRequired() {
        assertThatThrownBy(() -> new Money(null, "EUR")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Money("1.00", null)).isInstanceOf(NullPointerException.class);
    }

}
