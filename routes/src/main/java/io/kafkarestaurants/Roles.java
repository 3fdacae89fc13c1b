package io.kafkarestaurants;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One image, three roles. {@code restaurants.roles} (env {@code RESTAURANTS_ROLES},
 * default all three) selects which route folders Camel loads: {@code camel/common}
 * always, then {@code camel/<role>} for each role.
 */
public class Roles implements EnvironmentPostProcessor {

    public static final Set<String> KNOWN = Set.of("api", "transactions", "email");
    static final String ROUTES_PROPERTY = "camel.main.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<String> roles = parse(environment.getProperty("restaurants.roles", String.join(",", KNOWN)));
        String pattern = "classpath:camel/common/*.camel.yaml," + roles.stream()
            .map(role -> "classpath:camel/" + role + "/*.camel.yaml")
            .collect(Collectors.joining(","));
        environment.getPropertySources()
            .addFirst(new MapPropertySource("restaurants-roles", java.util.Map.of(ROUTES_PROPERTY, pattern)));
    }

    static Set<String> parse(String value) {
        Set<String> roles = Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(role -> !role.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = roles.stream().filter(role -> !KNOWN.contains(role)).toList();
        if (roles.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException(
                    "restaurants.roles must name one or more of " + KNOWN + " but was '" + value + "'");
        }
        return roles;
    }

}
