package io.kafkarestaurants.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web server listens before Camel has started the routes that serve the API, and
 * keeps listening while they stop: in those moments an API request would get a 404 (or
 * reach a route that is stopping). Until this replica is ready (Spring Boot's readiness
 * state, the one {@code /actuator/health/readiness} reports), every request but the
 * actuator's gets a 503 problem with Retry-After instead: a client, or nginx in front of
 * a single replica, retries.
 */
class ReadinessGate extends OncePerRequestFilter {

    private final ApplicationAvailability availability;

    private final Problems problems;

    private final ObjectMapper mapper;

    ReadinessGate(ApplicationAvailability availability, Problems problems, ObjectMapper mapper) {
        this.availability = availability;
        this.problems = problems;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setContentType(Problems.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problems.notReady());
    }

}
