package io.kafkarestaurants.notification;

import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderOutcome;
import io.kafkarestaurants.events.OrderPaid;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the confirmation and decline mails (HTML + plain text) from the Thymeleaf
 * templates in {@code templates/mail/}. Everything user-supplied is escaped by the
 * templates; only brand + last4 of the card are available to them. The Message-ID is
 * derived from the orderId and outcome, so a resent mail is recognisable.
 */
public class OrderMails {

    private static final Map<String, String> REASONS = Map.of("card_declined", "your card was declined by the bank",
            "insufficient_funds", "the card has insufficient funds", "invalid_payment",
            "the bank could not process the payment details");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    private final String messageIdDomain;

    OrderMails(String messageIdDomain) {
        this.messageIdDomain = messageIdDomain;
        engine.addTemplateResolver(resolver(".html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 2));
    }

    public Mail render(OrderOutcome outcome) {
        String template = outcome instanceof OrderPaid ? "confirmation" : "declined";
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("orderId", outcome.orderId());
        context.setVariable("order", outcome.order());
        if (outcome instanceof OrderDeclined declined) {
            context.setVariable("reason", REASONS.getOrDefault(declined.reason(), "the payment was not accepted"));
        }
        String restaurant = outcome.order().restaurant().name();
        String subject = outcome instanceof OrderPaid ? "Your order at " + restaurant + " is confirmed"
                : "Your order at " + restaurant + " could not be paid";
        return new Mail(outcome.order().email(), subject, messageId(outcome),
                engine.process(template + ".html", context), engine.process(template + ".txt", context));
    }

    /**
     * One mail per order and outcome: also the key of the email stage's idempotent
     * consumer.
     */
    public String mailKey(OrderOutcome outcome) {
        return outcome.orderId() + ":" + outcome.status().name().toLowerCase(Locale.ROOT);
    }

    String messageId(OrderOutcome outcome) {
        return "<" + mailKey(outcome).replace(':', '.') + "@" + messageIdDomain + ">";
    }

    private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

}
