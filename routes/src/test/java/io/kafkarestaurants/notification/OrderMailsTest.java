package io.kafkarestaurants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderLine;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderMailsTest {

    private static final String DOMAIN = "mail.test";

    private static final String SCRIPT_ADDRESS = "<script>alert(1)</script> 1 Main St";

    private final OrderMails mails = new OrderMails(DOMAIN);

    @Test
    void confirmationListsEveryItemWithItsQuantityAndTheTotal() {
        OrderPaid paid = Orders.paid();

        Mail mail = mails.render(paid);

        for (OrderLine line : paid.order().items()) {
            assertThat(mail.html()).contains(line.name(), line.lineTotal());
            assertThat(mail.text()).contains(line.quantity() + " x " + line.name(), line.lineTotal());
        }
        assertThat(mail.html()).contains(">2<", ">1<", "25.25 EUR");
        assertThat(mail.text()).contains("Total: 25.25 EUR");
    }

    @Test
    void confirmationShowsBrandAndLastFourButNeverTheCardNumber() {
        Mail mail = mails.render(Orders.paid());

        assertThat(mail.html()).contains("visa", "4242").doesNotContain(Orders.VISA, Orders.VISA_TYPED);
        assertThat(mail.text()).contains("visa ending in 4242").doesNotContain(Orders.VISA, Orders.VISA_TYPED);
    }

    @Test
    void confirmationGoesToTheCustomerWithTheRestaurantInTheSubject() {
        Mail mail = mails.render(Orders.paid());

        assertThat(mail.to()).isEqualTo(Orders.EMAIL);
        assertThat(mail.subject()).isEqualTo("Your order at Trattoria Test is confirmed");
    }

    @Test
    void confirmationOfAPickupSaysSo() {
        Mail mail = mails.render(Orders.paid());

        assertThat(mail.text()).contains("ready for pick-up").doesNotContain("We will deliver");
        assertThat(mail.html()).contains("ready for pick-up").doesNotContain("We will deliver");
    }

    @Test
    void confirmationOfADeliveryNamesTheAddress() {
        Mail mail = mails.render(Orders.paid(Orders.placed(Orders.deliveryOrder("1 Main St"))));

        assertThat(mail.text()).contains("We will deliver to 1 Main St.").doesNotContain("pick-up");
        assertThat(mail.html()).contains("1 Main St").doesNotContain("pick-up");
    }

    @Test
    void htmlEscapesTheDeliveryAddress() {
        Mail mail = mails.render(Orders.paid(Orders.placed(Orders.deliveryOrder(SCRIPT_ADDRESS))));

        assertThat(mail.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void mailNamesTheOrder() {
        OrderPaid paid = Orders.paid();

        Mail mail = mails.render(paid);

        assertThat(mail.html()).contains(paid.orderId());
        assertThat(mail.text()).contains(paid.orderId());
    }

    @ParameterizedTest
    @CsvSource({ "card_declined, your card was declined by the bank",
            "insufficient_funds, the card has insufficient funds",
            "invalid_payment, the bank could not process the payment details",
            "some_new_reason, the payment was not accepted" })
    void declineMailExplainsTheReasonInWords(String reason, String words) {
        Mail mail = mails.render(Orders.declined(reason));

        assertThat(mail.html()).contains(words);
        assertThat(mail.text()).contains(words);
    }

    @Test
    void declineMailNamesTheRestaurantTheItemsAndTheCard() {
        OrderDeclined declined = Orders.declined("card_declined");

        Mail mail = mails.render(declined);

        assertThat(mail.subject()).isEqualTo("Your order at Trattoria Test could not be paid");
        assertThat(mail.to()).isEqualTo(Orders.EMAIL);
        assertThat(mail.text()).contains("2 x Margherita", "1 x Tiramisu", "Total: 25.25 EUR", "visa ending in 4242")
            .doesNotContain(Orders.VISA);
        assertThat(mail.html()).contains("Margherita", "Tiramisu", "25.25 EUR").doesNotContain(Orders.VISA);
        assertThat(mail.html()).doesNotContain("confirmed");
    }

    @Test
    void messageIdIsTheOrderAndOutcomeAtTheDomain() {
        OrderPlaced placed = Orders.placed();

        assertThat(mails.render(Orders.paid(placed)).messageId())
            .isEqualTo("<" + placed.orderId() + ".paid@" + DOMAIN + ">");
        assertThat(mails.render(Orders.declined(placed, "card_declined")).messageId())
            .isEqualTo("<" + placed.orderId() + ".declined@" + DOMAIN + ">");
    }

    @Test
    void messageIdIsStableForTheSameOutcome() {
        OrderPlaced placed = Orders.placed();

        assertThat(mails.render(Orders.paid(placed)).messageId())
            .isEqualTo(mails.render(Orders.paid(placed)).messageId());
    }

    @Test
    void messageIdDiffersBetweenOrders() {
        assertThat(mails.render(Orders.paid()).messageId()).isNotEqualTo(mails.render(Orders.paid()).messageId());
    }

    @Test
    void mailKeyIsOnePerOrderAndOutcome() {
        OrderPlaced placed = Orders.placed();

        assertThat(mails.mailKey(Orders.paid(placed))).isEqualTo(placed.orderId() + ":paid");
        assertThat(mails.mailKey(Orders.declined(placed, "card_declined"))).isEqualTo(placed.orderId() + ":declined");
        assertThat(mails.mailKey(Orders.paid(placed))).isEqualTo(mails.mailKey(Orders.paid(placed)));
    }

}
