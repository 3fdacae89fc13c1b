package io.kafkarestaurants.status;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order_status snapshots every role writes (intake, the stages, their dead letters),
 * apart from the api role's view that reads them ({@link StatusConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class StatusEventsConfiguration {

    @Bean
    StatusEvents statusEvents(Clock clock) {
        return new StatusEvents(clock);
    }

}
