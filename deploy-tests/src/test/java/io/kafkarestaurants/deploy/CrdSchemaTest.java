package io.kafkarestaurants.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The check of custom resources against their CRD's schema finds what the API server
 * would refuse or drop.
 */
class CrdSchemaTest {

    static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: stage
              labels:
                app.kubernetes.io/component: stage
            spec:
              scaleTargetRef:
                name: stage
              pollingInterval: 15
              minReplicaCount: 1
              maxReplicaCount: 6
              triggers:
                - type: kafka
                  metadata:
                    bootstrapServers: kafka:9092
                    consumerGroup: stage
                    topic: order
                    lagThreshold: "100"
                  authenticationRef:
                    name: stage
            """;

    @Test
    void aScaledObjectAsKedaDefinesItPasses() {
        assertThat(problems("ScaledObject", SCALED_OBJECT)).isEmpty();
    }

    @Test
    void misspeltFieldsAtAnyDepthAreFound() {
        String misspelt = SCALED_OBJECT.replace("maxReplicaCount:", "maxReplicas:")
            .replace("  authenticationRef:", "  authenticationReference:")
            .replace("  labels:", "  labells:");

        assertThat(problems("ScaledObject", misspelt)).hasSize(3)
            .anySatisfy(p -> assertThat(p).contains("spec.maxReplicas").contains("unknown field"))
            .anySatisfy(p -> assertThat(p).contains("spec.triggers[0].authenticationReference"))
            .anySatisfy(p -> assertThat(p).contains("metadata").contains("labells"));
    }

    @Test
    void wrongTypesMissingFieldsAndUnknownVersionsAreFound() {
        String wrong = SCALED_OBJECT.replace("pollingInterval: 15", "pollingInterval: fifteen")
            .replace("lagThreshold: \"100\"", "lagThreshold: 100")
            .replace("  scaleTargetRef:\n    name: stage\n", "");

        assertThat(problems("ScaledObject", wrong)).hasSize(3)
            .anySatisfy(p -> assertThat(p).contains("pollingInterval").contains("integer"))
            .anySatisfy(p -> assertThat(p).contains("lagThreshold").contains("string"))
            .anySatisfy(p -> assertThat(p).contains("scaleTargetRef"));
        assertThat(problems("ScaledObject", SCALED_OBJECT.replace("v1alpha1", "v1"))).singleElement()
            .asString()
            .contains("apiVersion keda.sh/v1");
    }

    @Test
    void aTriggerAuthenticationsSecretReferencesAreChecked() {
        String authentication = """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: stage
                spec:
                  secretTargetRef:
                    - parameter: password
                      name: stage-user
                      key: password
                  env:
                    - parameter: username
                      name: KAFKA_USER
                      containerName: routes
                """;

        assertThat(problems("TriggerAuthentication", authentication)).isEmpty();
        assertThat(problems("TriggerAuthentication", authentication.replace("key: password", "secretKey: password")))
            .hasSize(2)
            .anySatisfy(p -> assertThat(p).contains("secretTargetRef[0].secretKey").contains("unknown field"))
            .anySatisfy(p -> assertThat(p).contains("key"));
    }

    @Test
    void aServiceMonitorIsHeldToThePrometheusOperatorsSchema() {
        String monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: routes
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/instance: kafka-restaurants
                  endpoints:
                    - port: http
                      path: /actuator/prometheus
                      interval: 30s
                """;

        assertThat(problems("ServiceMonitor", monitor)).isEmpty();
        assertThat(problems("ServiceMonitor",
                monitor.replace("interval: 30s", "interval: half a minute").replace("  path:", "  metricsPath:")))
            .hasSize(2)
            .anySatisfy(p -> assertThat(p).contains("interval").contains("pattern"))
            .anySatisfy(p -> assertThat(p).contains("endpoints[0].metricsPath").contains("unknown field"));
    }

    private static java.util.List<String> problems(String kind, String yaml) {
        JsonNode document = DeployFiles.documents(yaml).get(0);
        return RenderedChart.CUSTOM_KINDS.get(kind).problems(document);
    }

}
