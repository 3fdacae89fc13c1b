package io.kafkarestaurants.events;

/** What may be shown of a card anywhere: its brand and last four digits. */
public record CardSummary(String brand, String last4) {
}
