package io.kafkarestaurants;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Creates a bean only when one of the named roles runs in this process
 * ({@code restaurants.roles}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnRole.Condition.class)
public @interface OnRole {

    String[] value();

    class Condition implements org.springframework.context.annotation.Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var roles = Roles
                .parse(context.getEnvironment().getProperty("restaurants.roles", String.join(",", Roles.KNOWN)));
            String[] wanted = (String[]) metadata.getAnnotationAttributes(OnRole.class.getName()).get("value");
            for (String role : wanted) {
                if (roles.contains(role)) {
                    return true;
                }
            }
            return false;
        }

    }

}
