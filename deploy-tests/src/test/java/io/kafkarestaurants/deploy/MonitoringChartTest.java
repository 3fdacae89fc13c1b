package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.RenderedChart.Variant.DEFAULTS;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.MONITORING;
import static io.kafkarestaurants.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kafkarestaurants.deploy.NetworkPolicyEdges.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's monitoring: the Grafana dashboard's ConfigMap (on by default) with the
 * panels the issue names, and the optional ServiceMonitor (metrics.serviceMonitor, the
 * MONITORING values) that reaches every role's metrics through a Service port, past the
 * NetworkPolicies. The ServiceMonitor's fields are held to the Prometheus Operator's CRD
 * with every other rendered object (HelmChartTest.rendersKnownKindsWithKnownFieldsOnly);
 * that every metric the panels read is one the application exports is
 * GrafanaDashboardIT's.
 */
class MonitoringChartTest {

    static final List<String> ISSUE_PANELS = List.of("Orders per second by stage and outcome",
            "POST to CONFIRMED latency (p50, p95, p99)", "Consumer lag per group",
            "Dead letters and retries per second", "Bank charge latency (p95, p99)", "SMTP send latency (p95, p99)",
            "JVM heap and non-heap memory per pod");
    static final List<String> ROLES = List.of("api", "transactions", "email");

    @Test
    void theDashboardShipsByDefaultLabelledForGrafanasSidecar() {
        ConfigMap dashboard = RenderedChart.of(DEFAULTS).named(ConfigMap.class, name("dashboard"));

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getMetadata().getNamespace()).isNull();
        assertThat(dashboard.getData()).containsOnlyKeys(GrafanaDashboard.FILE);
        assertThat(GrafanaDashboard.of(RenderedChart.of(DEFAULTS)).model)
            .isEqualTo(DeployFiles.yaml(DeployFiles.CHART.resolve("dashboards").resolve(GrafanaDashboard.FILE)));

        ConfigMap elsewhere = RenderedChart.of(MONITORING).named(ConfigMap.class, name("dashboard"));
        assertThat(elsewhere.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(elsewhere.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Kafka Restaurants");
    }

    @Test
    void theDashboardHasTheIssuesPanelsEachOnTheChosenDataSourceAndPods() {
        GrafanaDashboard dashboard = GrafanaDashboard.of(RenderedChart.of(DEFAULTS));

        assertThat(dashboard.titles()).containsAll(ISSUE_PANELS).doesNotHaveDuplicates();
        assertThat(dashboard.model.at("/templating/list")).extracting(v -> v.path("name").asText())
            .containsExactly("datasource", "namespace", "job", "pod");
        assertThat(dashboard.model.at("/templating/list/0/type").asText()).isEqualTo("datasource");
        assertThat(dashboard.model.at("/templating/list/0/query").asText()).isEqualTo("prometheus");
        for (JsonNode panel : dashboard.panels()) {
            String title = panel.path("title").asText();
            assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.at("/datasource/uid").asText()).isEqualTo("${datasource}");
                assertThat(target.path("expr").asText()).contains("namespace=\"$namespace\"", "job=~\"$job\"",
                        "pod=~\"$pod\"");
            });
        }
    }

    @Test
    void noServiceMonitorNorMetricsOnlyServicesUnlessAsked() {
        RenderedChart chart = RenderedChart.of(DEFAULTS);

        assertThat(chart.custom("ServiceMonitor")).isEmpty();
        assertThat(chart.all(Service.class)).extracting(s -> s.getMetadata().getName())
            .doesNotContain(name("transactions"), name("email"));
    }

    @Test
    void theServiceMonitorScrapesEveryRoleThroughAServicePortOnItsMetricsPath() {
        RenderedChart chart = RenderedChart.of(MONITORING);
        JsonNode monitor = chart.custom("ServiceMonitor").get(0);
        JsonNode values = DeployFiles.yaml(MONITORING.valuesFile()).at("/metrics/serviceMonitor");

        assertThat(chart.custom("ServiceMonitor")).hasSize(1);
        assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertThat(monitor.at("/spec/endpoints").size()).isOne();
        assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(endpoint.path("interval").asText()).isEqualTo(values.path("interval").asText());
        List<Service> selected = chart.all(Service.class)
            .stream()
            .filter(s -> selects(monitor.at("/spec/selector"), s.getMetadata().getLabels()))
            .toList();
        assertThat(selected).extracting(s -> s.getMetadata().getName())
            .containsExactlyInAnyOrderElementsOf(ROLES.stream().map(RenderedChart::name).toList());
        for (Service service : selected) {
            ServicePort port = service.getSpec()
                .getPorts()
                .stream()
                .filter(p -> p.getName().equals(endpoint.path("port").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        service.getMetadata().getName() + " has no port " + endpoint.path("port").asText()));
            Deployment role = chart.all(Deployment.class)
                .stream()
                .filter(d -> d.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels()
                    .entrySet()
                    .containsAll(service.getSpec().getSelector().entrySet()))
                .findFirst()
                .orElseThrow();
            ContainerPort target = HelmChartTest.container(role)
                .getPorts()
                .stream()
                .filter(p -> p.getName().equals(port.getTargetPort().getStrVal()))
                .findFirst()
                .orElseThrow();
            assertThat(target.getContainerPort()).as(service.getMetadata().getName()).isEqualTo(8080);
        }
    }

    @Test
    void onlyTheMetricsPeersReachTheRolesMetricsPort() {
        RenderedChart chart = RenderedChart.of(MONITORING);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            endpoints.add(Endpoint.pod(labels.get("app.kubernetes.io/component"), RenderedChart.NAMESPACE, labels,
                    HelmChartTest.container(deployment)
                        .getPorts()
                        .stream()
                        .map(p -> p.getProtocol() + "/" + p.getContainerPort())
                        .collect(Collectors.toSet())));
        }
        endpoints
            .add(Endpoint.pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Set.of()));
        endpoints.add(Endpoint.pod("grafana", "monitoring", Map.of("app.kubernetes.io/name", "grafana"), Set.of()));

        Set<String> fromMonitoring = new NetworkPolicyEdges(chart.all(NetworkPolicy.class), RenderedChart.NAMESPACE)
            .edges(endpoints)
            .stream()
            .filter(edge -> edge.startsWith("prometheus->") || edge.startsWith("grafana->"))
            .collect(Collectors.toSet());

        assertThat(fromMonitoring).containsExactlyInAnyOrder("prometheus->api:TCP/8080",
                "prometheus->transactions:TCP/8080", "prometheus->email:TCP/8080",
                // The site is open to anyone (its Service is the LoadBalancer).
                "prometheus->frontend:TCP/8080", "grafana->frontend:TCP/8080");
    }

    /**
     * A label selector (matchLabels and In expressions, what the ServiceMonitor uses)
     * against labels.
     */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> label : selector.path("matchLabels").properties()) {
            if (!label.getValue().asText().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            assertThat(expression.path("operator").asText()).isEqualTo("In");
            List<String> allowed = new ArrayList<>();
            expression.path("values").forEach(v -> allowed.add(v.asText()));
            if (!allowed.contains(labels.get(expression.path("key").asText()))) {
                return false;
            }
        }
        return true;
    }

}
