package io.kafkarestaurants.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the email stage consumes: a paid or a declined order, told apart by
 * {@code eventType}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "eventType",
        visible = true)
@JsonSubTypes({ @JsonSubTypes.Type(value = OrderPaid.class, name = OrderPaid.TYPE),
        @JsonSubTypes.Type(value = OrderDeclined.class, name = OrderDeclined.TYPE) })
public sealed interface OrderOutcome permits OrderPaid, OrderDeclined {

    String orderId();

    OrderDetails order();

    List<StatusEntry> history();

    @JsonIgnore
    OrderStatus status();

}
