package io.kafkarestaurants.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.kafkarestaurants.Orders;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ring's start-up checks: each names the property at fault and never shows a key. */
class CardKeyRingTest {

    private static final String OLD = Orders.CARD_KEY;

    private static final String NEW = Orders.OTHER_CARD_KEY;

    private static final String AES128 = Base64.getEncoder().encodeToString(new byte[16]);

    private static final String HEX_KEY = HexFormat.of().formatHex(Base64.getDecoder().decode(NEW));

    @Test
    void theRingHoldsEveryEntryAndTheOneKeyFormAndSealsWithTheActiveId() {
        CardKeyRing ring = CardKeyRing.configured(" old=" + OLD + " ,\n new=" + NEW + ",\n", OLD, "local-dev", "new");

        assertThat(ring.ids()).containsExactly("local-dev", "new", "old");
        assertThat(ring.activeKeyId()).isEqualTo("new");
        assertThat(ring.active().getEncoded()).isEqualTo(Base64.getDecoder().decode(NEW));
        assertThat(ring.key("old").orElseThrow().getEncoded()).isEqualTo(Base64.getDecoder().decode(OLD));
        assertThat(ring.key("gone")).isEmpty();
    }

    @Test
    void theOneKeyFormAloneIsARingOfOneThatSealsWithIt() {
        CardKeyRing ring = CardKeyRing.configured("", OLD, "local-dev", "local-dev");

        assertThat(ring.ids()).containsExactly("local-dev");
        assertThat(ring.activeKeyId()).isEqualTo("local-dev");
    }

    @Test
    void toStringShowsTheIdsButNoKey() {
        CardKeyRing ring = CardKeyRing.configured("old=" + OLD + ",new=" + NEW, null, null, "new");

        assertThat(ring.toString()).contains("old", "new").doesNotContain(OLD, NEW);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "   ", " , ,\n" })
    void noKeyAtAllFailsNamingBothProperties(String keys) {
        assertThatThrownBy(() -> CardKeyRing.configured(keys, " ", "local-dev", "local-dev"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("restaurants.card.keys (env CARD_KEYS)")
            .hasMessageContaining("restaurants.card.key (env CARD_KEY)");
    }

    static Stream<Arguments> invalidRings() {
        return Stream.of(
                arguments("an entry without '='", NEW.replace("=", "") + ",old=" + OLD, null, null, "old",
                        "entry 1 of restaurants.card.keys"),
                arguments("a bare key (its padding taken for '=')", NEW, null, null, "old",
                        "entry 1 of restaurants.card.keys"),
                arguments("a hex key as an id", HEX_KEY + "=" + OLD, null, null, "old",
                        "entry 1 of restaurants.card.keys"),
                arguments("an empty id", "old=" + OLD + ",=" + NEW, null, null, "old",
                        "entry 2 of restaurants.card.keys"),
                arguments("an id with a space", "old key=" + OLD, null, null, "old key",
                        "entry 1 of restaurants.card.keys"),
                arguments("a key that is not base64",
                        "old=" + OLD + ",new=" + NEW.replace('A', '!').replace('B', '!') + "!", null, null, "old",
                        "entry 2 of restaurants.card.keys (env CARD_KEYS) (id 'new') is not valid base64"),
                arguments("an AES-128 key", "old=" + AES128, null, null, "old",
                        "must decode to 32 bytes (AES-256), not 16"),
                arguments("an empty key", "old=", null, null, "old", "not 0"),
                arguments("one id twice", "old=" + OLD + ",old=" + NEW, null, null, "old", "'old' is given twice"),
                arguments("the one-key id also in the ring", "old=" + OLD, NEW, "old", "old", "'old' is given twice"),
                arguments("a one-key form without an id", null, NEW, " ", "",
                        "restaurants.card.key-id (env CARD_KEY_ID)"),
                arguments("a one-key form that is not base64", null, "this is not base64 but a secret!!", "local-dev",
                        "local-dev", "restaurants.card.key (env CARD_KEY) is not valid base64"),
                arguments("a short one-key form", null, AES128, "local-dev", "local-dev",
                        "restaurants.card.key (env CARD_KEY) must decode to 32 bytes"),
                arguments("an active id outside the ring", "old=" + OLD + ",new=" + NEW, null, null, "newer",
                        "restaurants.card.active-key-id (env CARD_ACTIVE_KEY_ID) must name the key that seals new "
                                + "orders, one of [new, old]; it is 'newer'"),
                arguments("no active id", "old=" + OLD, null, null, " ", "it is empty"),
                arguments("a key pasted as the active id", "old=" + OLD, null, null, NEW, "it is not a key id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRings")
    void anInvalidRingStopsTheStartUpNamingTheFaultAndNoKey(String what, String keys, String key, String keyId,
            String activeKeyId, String message) {
        assertThatThrownBy(() -> CardKeyRing.configured(keys, key, keyId, activeKeyId))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(message)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD.substring(0, 12), NEW.substring(0, 12),
                    HEX_KEY.substring(0, 12), "secret"));
    }

}
