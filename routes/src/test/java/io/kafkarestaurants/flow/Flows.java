package io.kafkarestaurants.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Test data of the flow: its topology read from the real route files under
 * application.yaml and an environment.
 */
final class Flows {

    private Flows() {
    }

    /** The topology under application.yaml's defaults. */
    static FlowTopology topology() {
        return topology(Map.of());
    }

    /** The topology under application.yaml with these environment variables on top. */
    static FlowTopology topology(Map<String, String> env) {
        StandardEnvironment environment = environment(env);
        return FlowTopologyReader.fromClassPath(environment::getProperty,
                Map.of("chargedOrders", environment.getProperty("restaurants.topics.transactions-processed"),
                        "sentMails", environment.getProperty("restaurants.topics.email-sent")),
                environment.getProperty("restaurants.topics.order-status"));
    }

    private static StandardEnvironment environment(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource("test-env", new HashMap<>(env)));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new FileSystemResource("src/main/resources/application.yaml"))) {
                sources.addLast(source);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment;
    }

}
