package io.kafkarestaurants.status;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;

/**
 * Spring Boot's application availability, with one more condition on readiness in the api
 * role: the order view has caught up with {@code order_status}. Until then a replica
 * would answer 404 for orders that exist, so it reports REFUSING_TRAFFIC:
 * {@code /actuator/health/readiness} says 503 (Kubernetes sends it no traffic) and the
 * {@code ReadinessGate} answers API requests 503 with Retry-After.
 */
class OrderViewAvailability extends ApplicationAvailabilityBean {

    private final OrderViewSource view;

    OrderViewAvailability(OrderViewSource view) {
        this.view = view;
    }

    @Override
    public <S extends AvailabilityState> S getState(Class<S> stateType, S defaultState) {
        return withView(stateType, super.getState(stateType, defaultState));
    }

    @Override
    public <S extends AvailabilityState> S getState(Class<S> stateType) {
        return withView(stateType, super.getState(stateType));
    }

    private <S extends AvailabilityState> S withView(Class<S> stateType, S state) {
        if (stateType == ReadinessState.class && state == ReadinessState.ACCEPTING_TRAFFIC && !view.caughtUp()) {
            return stateType.cast(ReadinessState.REFUSING_TRAFFIC);
        }
        return state;
    }

}
