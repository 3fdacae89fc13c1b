package io.kafkarestaurants.notification;

/**
 * A rendered mail: the email route copies these fields into mail headers and body,
 * nothing else.
 */
public record Mail(String to, String subject, String messageId, String html, String text) {
}
