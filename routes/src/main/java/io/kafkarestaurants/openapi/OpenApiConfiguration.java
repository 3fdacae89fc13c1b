package io.kafkarestaurants.openapi;

import io.kafkarestaurants.OnRole;
import org.apache.camel.spi.RestApiProcessorFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OnRole("api")
class OpenApiConfiguration {

    /**
     * Camel's REST API endpoint takes the one RestApiProcessorFactory of the registry
     * instead of camel-openapi-java's own.
     */
    @Bean
    RestApiProcessorFactory apiDocument() {
        return new ApiDocument();
    }

}
