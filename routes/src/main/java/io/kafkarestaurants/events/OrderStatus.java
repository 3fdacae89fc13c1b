package io.kafkarestaurants.events;

/** The order lifecycle: RECEIVED, then PAID and CONFIRMED, or DECLINED, or FAILED. */
public enum OrderStatus {

    RECEIVED, PAID, CONFIRMED, DECLINED, FAILED;

    public boolean terminal() {
        return this == CONFIRMED || this == DECLINED || this == FAILED;
    }

}
