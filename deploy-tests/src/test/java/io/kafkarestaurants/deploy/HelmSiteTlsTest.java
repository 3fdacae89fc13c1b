package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.HelmChartTest.container;
import static io.kafkarestaurants.deploy.HelmChartTest.env;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.DEFAULTS;
import static io.kafkarestaurants.deploy.RenderedChart.Variant.EXTERNAL_SERVICES;
import static io.kafkarestaurants.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The site's edge in the chart: HTTPS through an Ingress (TLS from a Secret,
 * cert-manager's annotation), HSTS only where TLS is on, the client's address kept for
 * the order rate limit (externalTrafficPolicy Local, the trusted proxy range), and no
 * plain-HTTP hop for the card number in the production values
 * (external-services-values.yaml).
 */
class HelmSiteTlsTest {

    private static final String HSTS = "max-age=31536000; includeSubDomains";

    /**
     * The rendered edge of the production values (Ingress, Service, NetworkPolicy, nginx
     * env), for the note.
     */
    private static final Path RENDERED_TLS = DeployFiles.WORK.resolve("site-tls.yaml");

    @Test
    void theProductionValuesPublishTheSiteThroughAnIngressWithTlsFromCertManager() throws IOException {
        RenderedChart chart = RenderedChart.of(EXTERNAL_SERVICES);
        JsonNode values = DeployFiles.yaml(EXTERNAL_SERVICES.valuesFile()).at("/frontend/ingress");
        Ingress ingress = chart.named(Ingress.class, name("frontend"));
        Service site = chart.named(Service.class, name("frontend"));

        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer",
                values.at("/annotations/cert-manager.io~1cluster-issuer").asText());
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo(values.path("className").asText());
        assertThat(ingress.getSpec().getTls()).extracting(IngressTLS::getSecretName)
            .containsExactly(values.at("/tls/0/secretName").asText());
        Set<String> covered = new TreeSet<>();
        ingress.getSpec().getTls().forEach(tls -> covered.addAll(tls.getHosts()));
        assertThat(ingress.getSpec().getRules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(covered).as("TLS covers host %s", rule.getHost()).contains(rule.getHost());
            assertThat(rule.getHttp().getPaths()).allSatisfy(path -> {
                assertThat(path.getBackend().getService().getName()).isEqualTo(site.getMetadata().getName());
                assertThat(path.getBackend().getService().getPort().getName())
                    .isEqualTo(site.getSpec().getPorts().get(0).getName());
            });
        });
        assertThat(ingress.getSpec().getRules()).flatExtracting(r -> r.getHttp().getPaths())
            .extracting(HTTPIngressPath::getPath)
            .containsExactly("/");

        String rendered = DeployFiles.YAML.writeValueAsString(ingress) + DeployFiles.YAML.writeValueAsString(site)
                + DeployFiles.YAML.writeValueAsString(chart.named(NetworkPolicy.class, name("frontend")))
                + DeployFiles.YAML
                    .writeValueAsString(Map.of("frontend-nginx-env", env(container(chart.deployment("frontend")))));
        Files.createDirectories(RENDERED_TLS.getParent());
        Files.writeString(RENDERED_TLS, rendered);
        System.out.printf("rendered TLS objects of %s (also in %s):%n%s", EXTERNAL_SERVICES.file, RENDERED_TLS,
                rendered);
    }

    @Test
    void hstsIsSentOnlyWhenTheIngressHasTls() {
        assertThat(siteEnv(RenderedChart.of(DEFAULTS).deployment("frontend")))
            .containsEntry("STRICT_TRANSPORT_SECURITY", "");
        assertThat(siteEnv(RenderedChart.of(EXTERNAL_SERVICES).deployment("frontend")))
            .containsEntry("STRICT_TRANSPORT_SECURITY", HSTS);
        assertThat(siteEnv(deployment(render(behindAnIngress()), "frontend")))
            .as("an Ingress without tls serves plain HTTP: no HSTS")
            .containsEntry("STRICT_TRANSPORT_SECURITY", "");
        assertThat(siteEnv(deployment(render(c -> withTls(behindAnIngress().apply(c))
            .set("frontend.ingress.strictTransportSecurity", "max-age=600")), "frontend")))
            .containsEntry("STRICT_TRANSPORT_SECURITY", "max-age=600");
        List<HasMetadata> tlsWithoutIngress = render(HelmSiteTlsTest::withTls);
        assertThat(tlsWithoutIngress).as("tls without the Ingress renders no Ingress")
            .noneMatch(Ingress.class::isInstance);
        assertThat(siteEnv(deployment(tlsWithoutIngress, "frontend"))).containsEntry("STRICT_TRANSPORT_SECURITY", "");
    }

    @Test
    void theSitesLoadBalancerKeepsTheClientAddressAndAClusterIpHasNoTrafficPolicy() {
        ServiceSpec defaults = RenderedChart.of(DEFAULTS).named(Service.class, name("frontend")).getSpec();
        ServiceSpec production = RenderedChart.of(EXTERNAL_SERVICES).named(Service.class, name("frontend")).getSpec();

        assertThat(defaults.getType()).isEqualTo("LoadBalancer");
        assertThat(defaults.getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(service(render(c -> c.set("frontend.service.type", "NodePort")
            .set("frontend.service.externalTrafficPolicy", "Cluster")), "frontend").getSpec()
            .getExternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(production.getType()).isEqualTo("ClusterIP");
        assertThat(production.getExternalTrafficPolicy()).isNull();
        assertThatThrownBy(() -> render(c -> c.set("frontend.service.externalTrafficPolicy", "Nearest")))
            .hasMessageContaining("externalTrafficPolicy");
    }

    @Test
    void nginxTrustsTheForwardedAddressOnlyFromTheProxyRangeTheValuesName() {
        assertThat(siteEnv(RenderedChart.of(DEFAULTS).deployment("frontend"))).containsEntry("REAL_IP_FROM",
                "127.0.0.1/32");
        assertThat(siteEnv(RenderedChart.of(EXTERNAL_SERVICES).deployment("frontend"))).containsEntry("REAL_IP_FROM",
                DeployFiles.yaml(EXTERNAL_SERVICES.valuesFile()).at("/frontend/realIpFrom").asText());
        assertThatThrownBy(() -> render(c -> c.set("frontend.realIpFrom", "ingress-nginx")))
            .hasMessageContaining("realIpFrom");
        assertThatThrownBy(() -> render(c -> behindAnIngress().apply(c).set("frontend.realIpFrom", "127.0.0.1/32")))
            .as("behind an Ingress every client would share the controller's address")
            .hasMessageContaining("frontend.realIpFrom");
    }

    @Test
    void anIngressBesideAPublicServiceIsRefused() {
        assertThatThrownBy(() -> render(c -> behindAnIngress().apply(c).set("frontend.service.type", "LoadBalancer")))
            .hasMessageContaining("frontend.service.type ClusterIP");
        assertThatThrownBy(() -> render(c -> behindAnIngress().apply(c).set("frontend.service.type", "NodePort")))
            .hasMessageContaining("frontend.service.type ClusterIP");
        assertThat(render(behindAnIngress())).anyMatch(Ingress.class::isInstance);
    }

    @Test
    void theRealBankIsReachedOverHttpsOnlyWhileTheMockMayUseHttp() {
        UnaryOperator<TemplateCommand> realBank = c -> c.set("bank.mock.enabled", false);

        assertThatThrownBy(() -> render(c -> realBank.apply(c).set("bank.url", "http://bank.example.com")))
            .hasMessageContaining("/bank/url")
            .hasMessageContaining("^https://");
        assertThat(env(container(deployment(render(c -> realBank.apply(c).set("bank.url", "https://bank.example.com")),
                "transactions"))))
            .containsEntry("BANK_URL", "https://bank.example.com");
        assertThat(
                env(container(deployment(render(c -> c.set("bank.url", "http://bank.example.com")), "transactions"))))
            .as("with the mock the url is unused and the transactions role calls the mock in the namespace")
            .containsEntry("BANK_URL", "http://" + name("bank-mock") + ":8080");
    }

    @Test
    void inTheProductionValuesTheCardNumberCrossesNoPlainHttpHopOutsideTheCluster() {
        RenderedChart chart = RenderedChart.of(EXTERNAL_SERVICES);
        Map<String, String> transactions = env(container(chart.deployment("transactions")));

        assertThat(transactions.get("BANK_URL")).startsWith("https://");
        assertThat(chart.all(Service.class)).as("no Service publishes the site over plain HTTP")
            .allSatisfy(s -> assertThat(s.getSpec().getType()).isEqualTo("ClusterIP"));
        assertThat(chart.all(Ingress.class)).singleElement()
            .satisfies(i -> assertThat(i.getSpec().getTls()).isNotEmpty());
        assertThat(env(container(chart.deployment("api")))).as("Kafka over TLS (the card is sealed on it anyway)")
            .containsEntry("CAMEL_COMPONENT_KAFKA_SECURITYPROTOCOL", "SASL_SSL");
    }

    @Test
    void theNotesNameTheHttpsAddressBehindTheIngress() {
        String output = new Helm(DeployFiles.CHART).install()
            .withName(RenderedChart.RELEASE)
            .withNamespace(RenderedChart.NAMESPACE)
            .withKubeVersion(RenderedChart.KUBE_VERSION)
            .withValuesFile(EXTERNAL_SERVICES.valuesFile())
            .dryRun()
            .withDryRunOption(DryRun.CLIENT)
            .clientOnly()
            .call()
            .getOutput();
        String notes = output.substring(output.indexOf("NOTES:"));

        assertThat(notes).contains("https://restaurants.example.com/").doesNotContain("http://<EXTERNAL-IP>");
    }

    @Test
    void nginxSubstitutesExactlyTheVariablesOfItsTemplate() {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}")
            .matcher(DeployFiles.text(DeployFiles.NGINX_TEMPLATE));
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        String filter = siteEnv(RenderedChart.of(DEFAULTS).deployment("frontend")).get("NGINX_ENVSUBST_FILTER");

        assertThat(filter).isEqualTo("^(" + String.join("|", variables) + ")$");
        assertThat(Pattern.compile(filter).matcher("host").matches()).as("nginx's own $host is left alone").isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The site behind an Ingress without TLS: ClusterIP, the controllers' pod range
     * trusted.
     */
    private static UnaryOperator<TemplateCommand> behindAnIngress() {
        return c -> c.set("frontend.ingress.enabled", true)
            .set("frontend.service.type", "ClusterIP")
            .set("frontend.realIpFrom", "10.244.0.0/16");
    }

    private static TemplateCommand withTls(TemplateCommand command) {
        return command.set("frontend.ingress.tls[0].secretName", "site-tls")
            .set("frontend.ingress.tls[0].hosts[0]", "restaurants.example.com");
    }

    private static Map<String, String> siteEnv(Deployment frontend) {
        return env(container(frontend));
    }

    private static List<HasMetadata> render(UnaryOperator<TemplateCommand> settings) {
        return DeployFiles.documents(RenderedChart.template(DeployFiles.CHART, null, settings))
            .stream()
            .map(HelmSiteTlsTest::parse)
            .filter(Objects::nonNull)
            .toList();
    }

    private static HasMetadata parse(JsonNode document) {
        var known = RenderedChart.KINDS.get(document.path("kind").asText());
        return known == null ? null : DeployFiles.YAML.convertValue(document, known.getValue());
    }

    private static Deployment deployment(List<HasMetadata> objects, String component) {
        return objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals(name(component)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Deployment " + name(component)));
    }

    private static Service service(List<HasMetadata> objects, String component) {
        return objects.stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .filter(s -> s.getMetadata().getName().equals(name(component)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Service " + name(component)));
    }

}
