package io.kafkarestaurants.payment;

import io.kafkarestaurants.events.CardSummary;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Card number rules: spaces and dashes are allowed while typing, 12 to 19 digits, Luhn
 * check, brand by prefix.
 */
public final class CardNumbers {

    /**
     * 12 to 19 digits, a space or a dash allowed between any two, with no digit right
     * before or after.
     */
    private static final Pattern CARD_SHAPED = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){11,18}(?![0-9])");

    private CardNumbers() {
    }

    /**
     * The text with every card number in it (card-shaped and passing the Luhn check) cut
     * to its last four digits: for free text that may quote what another server sent,
     * such as an exception's message. A number of digits that merely looks like one (1 in
     * 10 of them pass Luhn) is cut too.
     */
    public static String redact(String text) {
        Matcher match = CARD_SHAPED.matcher(text);
        StringBuilder redacted = new StringBuilder(text.length());
        while (match.find()) {
            String digits = digits(match.group());
            match.appendReplacement(redacted, Matcher
                .quoteReplacement(luhn(digits) ? "****" + digits.substring(digits.length() - 4) : match.group()));
        }
        match.appendTail(redacted);
        return redacted.toString();
    }

    /** The digits alone, as the bank wants them. */
    public static String digits(String typed) {
        return typed.replace(" ", "").replace("-", "");
    }

    /**
     * Why a typed number is not acceptable, or empty when it is. Never echoes the number.
     */
    public static Optional<String> problem(String typed) {
        String digits = digits(typed);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must contain digits only");
        }
        if (digits.length() < 12 || digits.length() > 19) {
            return Optional.of("must have 12 to 19 digits");
        }
        if (!luhn(digits)) {
            return Optional.of("is not a valid card number");
        }
        return Optional.empty();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    public static CardSummary summary(String typed) {
        String digits = digits(typed);
        return new CardSummary(brand(digits), digits.substring(digits.length() - 4));
    }

    static String brand(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if (digits.startsWith("4")) {
            return "visa";
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (digits.startsWith("6011") || digits.startsWith("65")) {
            return "discover";
        }
        return "card";
    }

}
