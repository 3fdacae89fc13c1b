package io.kafkarestaurants.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Before the routes are up (and while they stop), the API answers 503 + Retry-After,
 * never a 404 or a half answer.
 */
class ReadinessGateTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();

    private final ObjectMapper mapper = new ObjectMapper();

    private final ReadinessGate gate = new ReadinessGate(availability, new Problems(), mapper);

    private void readiness(ReadinessState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), state));
    }

    private MockHttpServletResponse call(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest(method, path), response, new MockFilterChain());
        return response;
    }

    @Test
    void beforeTheReplicaIsReadyAnOrderGetsA503ProblemWithRetryAfter() throws Exception {
        MockHttpServletResponse response = call("POST", "/orders");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        JsonNode problem = mapper.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("nothing was done");
    }

    @Test
    void aReadyReplicaLetsEveryRequestThrough() throws Exception {
        readiness(ReadinessState.ACCEPTING_TRAFFIC);

        assertThat(call("POST", "/orders").getStatus()).isEqualTo(200);
        assertThat(call("GET", "/search").getStatus()).isEqualTo(200);
    }

    @Test
    void aReplicaThatStopsTakingTrafficAnswers503AgainButTheActuatorAlwaysAnswers() throws Exception {
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        readiness(ReadinessState.REFUSING_TRAFFIC);

        assertThat(call("GET", "/orders/some-id").getStatus()).isEqualTo(503);
        assertThat(call("GET", "/actuator/health/readiness").getStatus()).isEqualTo(200);
    }

}
