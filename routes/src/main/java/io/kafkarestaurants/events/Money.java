package io.kafkarestaurants.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An amount as a decimal string with two places plus an ISO 4217 currency code. */
public record Money(String value, String currency) {

    public Money {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), currency);
    }
}
