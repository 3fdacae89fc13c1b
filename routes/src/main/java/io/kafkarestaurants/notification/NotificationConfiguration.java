package io.kafkarestaurants.notification;

import io.kafkarestaurants.OnRole;
import io.kafkarestaurants.RestaurantsProperties;
import io.kafkarestaurants.kafka.StageMemory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.component.mail.DefaultAuthenticator;
import org.apache.camel.component.mail.springboot.MailComponentConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The email stage's beans: the mails it renders, the pooled SMTP sender its route sends
 * them with, what it records of each mail sent, and its memory of the mails sent.
 */
@Configuration(proxyBeanMethods = false)
@OnRole("email")
class NotificationConfiguration {

    NotificationConfiguration() {
        MailStreams.preferAngus();
    }

    @Bean
    OrderMails orderMails(@Value("${restaurants.mail.message-id-domain}") String domain) {
        return new OrderMails(domain);
    }

    /**
     * Mails already sent, per order and outcome: shared by every email replica, kept in
     * Kafka.
     */
    @Bean
    StageMemory sentMails(RestaurantsProperties properties, KafkaProperties kafka,
            @Value("${restaurants.idempotency.repository-cache-size}") int cache) {
        return StageMemory.kafka(properties.topics().emailSent(), kafka, cache);
    }

    @Bean
    MailMetrics mailMetrics(MeterRegistry registry, Clock clock) {
        return new MailMetrics(registry, clock);
    }

    /**
     * The sender email.camel.yaml names. camel-mail gives its endpoint and component
     * settings only to the senders it makes itself, so this one takes them here: server,
     * port and timeouts from {@code restaurants.mail}, the user, password and additional
     * JavaMail properties ({@code mail.smtp.localhost}, STARTTLS) from
     * {@code camel.component.mail}. The pool waits for a free connection as long as it
     * waits for a server.
     */
    @Bean
    PooledMailSender pooledMailSender(MailComponentConfiguration component,
            @Value("${restaurants.mail.smtp-host}") String host, @Value("${restaurants.mail.smtp-port}") int port,
            @Value("${restaurants.mail.connection-timeout-ms}") long timeoutMs,
            @Value("${restaurants.mail.pool-size}") int poolSize,
            @Value("${restaurants.mail.pool-idle-timeout}") Duration idleTimeout) {
        String username = component.getUsername();
        Authenticator authenticator = component.getAuthenticator() != null ? component.getAuthenticator()
                : username == null ? null : new DefaultAuthenticator(username, component.getPassword());
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(timeoutMs));
        properties.setProperty("mail.smtp.timeout", Long.toString(timeoutMs));
        properties.setProperty("mail.smtp.auth", Boolean.toString(authenticator != null));
        if (username != null) {
            properties.setProperty("mail.smtp.user", username);
        }
        if (component.getAdditionalJavaMailProperties() != null) {
            properties.putAll(component.getAdditionalJavaMailProperties());
        }
        return new PooledMailSender(properties, authenticator, poolSize, idleTimeout, Duration.ofMillis(timeoutMs));
    }

}
