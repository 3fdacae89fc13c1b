package io.kafkarestaurants.order;

/**
 * One rejected field of a request, named by its JSON path ({@code items[0].quantity}).
 */
public record FieldError(String field, String message) {
}
