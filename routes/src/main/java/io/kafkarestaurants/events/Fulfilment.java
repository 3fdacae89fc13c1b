package io.kafkarestaurants.events;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** {@code delivery} (with an address) or {@code pickup}. */
public record Fulfilment(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {
        "delivery", "pickup" }, example = "delivery") String type,
        @Schema(description = "Only with delivery", example = "12 Harbour St") String address){

    public static final String DELIVERY = "delivery";

    public static final String PICKUP = "pickup";

}
