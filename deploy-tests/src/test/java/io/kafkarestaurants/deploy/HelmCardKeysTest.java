package io.kafkarestaurants.deploy;

import static io.kafkarestaurants.deploy.RenderedChart.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.TemplateCommand;
import io.kafkarestaurants.Orders;
import io.kafkarestaurants.payment.CardKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The chart's card key ring: it never invents a key under an id orders may already name,
 * takes the operator's keys (a Secret of theirs, or values for development) and renders
 * what the app accepts at start-up. helm template has no cluster, so lookup finds nothing
 * here: every render without keys is a first install (or a GitOps render).
 */
class HelmCardKeysTest {

    private static final String OLD = Orders.CARD_KEY;

    private static final String NEW = Orders.OTHER_CARD_KEY;

    @Test
    void aGeneratedKeyIsNamedAfterItselfSoReRenderingNeverPutsAnotherKeyUnderAnId() {
        Rendered first = render(c -> c);
        Rendered second = render(c -> c);

        for (Rendered rendered : List.of(first, second)) {
            assertThat(rendered.ring()).hasSize(1).containsKey(rendered.activeKeyId());
            String key = rendered.ring().get(rendered.activeKeyId());
            assertThat(Base64.getDecoder().decode(key)).as("an AES-256 key").hasSize(32);
            assertThat(rendered.activeKeyId()).isEqualTo("gen-" + sha256(key).substring(0, 16));
            assertThat(rendered.acceptedByTheApp().ids()).containsExactly(rendered.activeKeyId());
        }
        assertThat(second.ring().get(first.activeKeyId()))
            .as("a re-render has a new key, hence a new id: never another key under the first id")
            .isNull();
        assertThat(first.ring().get(second.activeKeyId())).isNull();
    }

    @Test
    void keysGivenInValuesAreTheRingWithTheActiveIdTheyName() {
        Rendered rotating = render(
                c -> c.set("cardKey.keys.old", OLD).set("cardKey.keys.new", NEW).set("cardKey.activeKeyId", "new"));
        Rendered single = render(c -> c.set("cardKey.keys.only", OLD));

        assertThat(rotating.ring()).containsExactlyInAnyOrderEntriesOf(Map.of("old", OLD, "new", NEW));
        assertThat(rotating.activeKeyId()).isEqualTo("new");
        assertThat(rotating.acceptedByTheApp().activeKeyId()).isEqualTo("new");
        assertThat(single.ring()).containsExactlyEntriesOf(Map.of("only", OLD));
        assertThat(single.activeKeyId()).as("the only key seals").isEqualTo("only");
    }

    @Test
    void keysInValuesWithoutAnActiveIdOfTheirsOrNotAes256FailTheRender() {
        assertThatThrownBy(() -> render(c -> c.set("cardKey.keys.old", OLD).set("cardKey.keys.new", NEW)))
            .hasMessageContaining("cardKey.activeKeyId")
            .hasMessageNotContaining(OLD)
            .hasMessageNotContaining(NEW);
        assertThatThrownBy(() -> render(c -> c.set("cardKey.keys.old", OLD).set("cardKey.activeKeyId", "new")))
            .hasMessageContaining("cardKey.activeKeyId");
        assertThatThrownBy(() -> render(c -> c.set("cardKey.keys.old", "c2hvcnQ=")))
            .hasMessageContaining("/cardKey/keys");
        assertThatThrownBy(() -> render(c -> c.set("cardKey.keys.old key", OLD))).hasMessageContaining("/cardKey/keys");
    }

    @Test
    void anExistingSecretMakesTheChartRenderNoKeyAndTheActiveIdComesFromValues() {
        List<JsonNode> documents = documents(c -> c.set("cardKey.existingSecret", "shop-card-keys")
            .set("cardKey.existingSecretKey", "ring")
            .set("cardKey.activeKeyId", "2026-11"));

        assertThat(documents).noneMatch(d -> d.path("kind").asText().equals("Secret"));
        for (String role : List.of("api", "transactions")) {
            JsonNode env = env(documents, role);
            assertThat(env.path("CARD_KEYS").path("valueFrom").path("secretKeyRef"))
                .isEqualTo(DeployFiles.JSON.createObjectNode().put("name", "shop-card-keys").put("key", "ring"));
            assertThat(env.path("CARD_ACTIVE_KEY_ID").path("value").asText()).isEqualTo("2026-11");
        }
        assertThat(env(documents, "email").has("CARD_KEYS")).isFalse();
        assertThatThrownBy(() -> render(c -> c.set("cardKey.existingSecret", "shop-card-keys")))
            .hasMessageContaining("cardKey.activeKeyId is required with cardKey.existingSecret");
    }

    @Test
    void switchingTheActiveIdRollsThePodsThatSealAndOpen() {
        UnaryOperator<TemplateCommand> existing = c -> c.set("cardKey.existingSecret", "shop-card-keys");
        List<JsonNode> before = documents(c -> existing.apply(c).set("cardKey.activeKeyId", "old"));
        List<JsonNode> after = documents(c -> existing.apply(c).set("cardKey.activeKeyId", "new"));

        for (String role : List.of("api", "transactions")) {
            assertThat(podAnnotations(after, role).path("checksum/card-keys").asText()).isNotBlank()
                .isNotEqualTo(podAnnotations(before, role).path("checksum/card-keys").asText());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The chart's Secret: the ring (id → base64 key) and the active id, both as the app
     * reads them.
     */
    record Rendered(Map<String, String> ring, String ringText, String activeKeyId) {

        CardKeyRing acceptedByTheApp() {
            return CardKeyRing.configured(ringText, null, null, activeKeyId);
        }
    }

    private static Rendered render(UnaryOperator<TemplateCommand> settings) {
        List<JsonNode> documents = documents(settings);
        JsonNode data = documents.stream()
            .filter(d -> d.path("kind").asText().equals("Secret")
                    && d.path("metadata").path("name").asText().equals(name("card-key")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no card key Secret"))
            .path("data");
        assertThat(data.properties()).extracting(Map.Entry::getKey)
            .containsExactlyInAnyOrder("card-keys", "active-key-id");
        String ringText = decoded(data, "card-keys");
        Map<String, String> ring = new LinkedHashMap<>();
        for (String entry : ringText.split(",")) {
            int equals = entry.indexOf('=');
            assertThat(ring.put(entry.substring(0, equals), entry.substring(equals + 1))).as("id given twice").isNull();
        }
        for (String role : List.of("api", "transactions")) {
            JsonNode env = env(documents, role);
            assertThat(env.path("CARD_KEYS").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo(name("card-key"));
            assertThat(env.path("CARD_ACTIVE_KEY_ID").path("valueFrom").path("secretKeyRef").path("key").asText())
                .isEqualTo("active-key-id");
        }
        return new Rendered(ring, ringText, decoded(data, "active-key-id"));
    }

    private static List<JsonNode> documents(UnaryOperator<TemplateCommand> settings) {
        return DeployFiles.documents(RenderedChart.template(DeployFiles.CHART, null, settings));
    }

    /** The routes container's environment of a role, by variable name. */
    private static JsonNode env(List<JsonNode> documents, String role) {
        JsonNode container = deployment(documents, role).at("/spec/template/spec/containers/0");
        var env = DeployFiles.JSON.createObjectNode();
        container.path("env").forEach(variable -> env.set(variable.path("name").asText(), variable));
        return env;
    }

    private static JsonNode podAnnotations(List<JsonNode> documents, String role) {
        return deployment(documents, role).at("/spec/template/metadata/annotations");
    }

    private static JsonNode deployment(List<JsonNode> documents, String role) {
        return documents.stream()
            .filter(d -> d.path("kind").asText().equals("Deployment")
                    && d.path("metadata").path("name").asText().equals(name(role)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Deployment " + name(role)));
    }

    private static String decoded(JsonNode data, String key) {
        return new String(Base64.getDecoder().decode(data.path(key).asText()), StandardCharsets.US_ASCII);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
