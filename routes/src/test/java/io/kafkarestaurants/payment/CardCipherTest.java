package io.kafkarestaurants.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkarestaurants.Orders;
import io.kafkarestaurants.events.EncryptedCard;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardCipherTest {

    private static final String ORDER_ID = "6f1c2c3e-0000-4000-8000-000000000001";

    private static final CardSecret CARD = new CardSecret(Orders.VISA, "12/30");

    private final CardCipher cipher = Orders.cipher();

    @Test
    void sealedCardOpensBack() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);

        assertThat(cipher.open(ORDER_ID, sealed)).isEqualTo(CARD);
    }

    @Test
    void anotherInstanceWithTheSameKeyOpensIt() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);

        assertThat(Orders.cipher(Orders.CARD_KEY_ID, Orders.CARD_KEY).open(ORDER_ID, sealed)).isEqualTo(CARD);
    }

    @Test
    void sealedCardNamesTheKeyAndHidesTheNumber() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);

        assertThat(sealed.keyId()).isEqualTo(Orders.CARD_KEY_ID);
        assertThat(sealed.ciphertext()).doesNotContain(Orders.VISA);
        String raw = new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(Orders.VISA).doesNotContain("12/30");
    }

    @Test
    void sealingTheSameCardTwiceGivesDifferentCiphertexts() {
        EncryptedCard first = cipher.seal(ORDER_ID, CARD);
        EncryptedCard second = cipher.seal(ORDER_ID, CARD);

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        byte[] firstNonce = Arrays.copyOf(Base64.getDecoder().decode(first.ciphertext()), 12);
        byte[] secondNonce = Arrays.copyOf(Base64.getDecoder().decode(second.ciphertext()), 12);
        assertThat(firstNonce).isNotEqualTo(secondNonce);
    }

    @Test
    void cardSealedForOneOrderCannotBeOpenedForAnother() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);

        assertThatThrownBy(() -> cipher.open("another-order", sealed)).isInstanceOf(CardKeyException.class)
            .hasMessageNotContaining(Orders.VISA);
    }

    @Test
    void anotherKeyUnderTheSameIdCannotOpenIt() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);
        CardCipher other = Orders.cipher(Orders.CARD_KEY_ID, Orders.OTHER_CARD_KEY);

        assertThatThrownBy(() -> other.open(ORDER_ID, sealed)).isInstanceOf(CardKeyException.class)
            .hasMessageContaining(Orders.CARD_KEY_ID)
            .hasMessageNotContaining(Orders.OTHER_CARD_KEY);
    }

    @Test
    void cardSealedUnderAKeyIdNotInTheRingIsRefusedAsUnknownNotAsPoisonNamingTheIdAndTheRing() {
        EncryptedCard sealed = Orders.cipher("old-key", Orders.CARD_KEY).seal(ORDER_ID, CARD);

        assertThatThrownBy(() -> cipher.open(ORDER_ID, sealed)).isInstanceOf(UnknownCardKeyException.class)
            .isNotInstanceOf(CardKeyException.class)
            .hasMessageContaining("old-key")
            .hasMessageContaining(Orders.CARD_KEY_ID)
            .hasMessageNotContaining(Orders.CARD_KEY);
    }

    @Test
    void aRingSealsWithItsActiveKeyOnly() {
        CardCipher rotated = new CardCipher(rotatedRing());

        EncryptedCard sealed = rotated.seal(ORDER_ID, CARD);

        assertThat(sealed.keyId()).isEqualTo("new");
        assertThat(Orders.cipher("new", Orders.OTHER_CARD_KEY).open(ORDER_ID, sealed)).isEqualTo(CARD);
        assertThatThrownBy(() -> Orders.cipher("new", Orders.CARD_KEY).open(ORDER_ID, sealed))
            .as("not sealed with the old key")
            .isInstanceOf(CardKeyException.class);
    }

    @Test
    void aRingOpensCardsSealedUnderEachOfItsKeys() {
        CardCipher rotated = new CardCipher(rotatedRing());
        EncryptedCard beforeRotation = Orders.cipher("old", Orders.CARD_KEY).seal(ORDER_ID, CARD);
        EncryptedCard afterRotation = Orders.cipher("new", Orders.OTHER_CARD_KEY).seal(ORDER_ID, CARD);

        assertThat(rotated.open(ORDER_ID, beforeRotation)).isEqualTo(CARD);
        assertThat(rotated.open(ORDER_ID, afterRotation)).isEqualTo(CARD);
    }

    @Test
    void aRingRefusesACardWhoseKeyIdNamesAnotherOfItsKeys() {
        EncryptedCard sealed = Orders.cipher("old", Orders.CARD_KEY).seal(ORDER_ID, CARD);
        EncryptedCard relabelled = new EncryptedCard("new", sealed.ciphertext());

        assertThatThrownBy(() -> new CardCipher(rotatedRing()).open(ORDER_ID, relabelled))
            .isInstanceOf(CardKeyException.class);
    }

    @Test
    void tamperedCiphertextIsRefused() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length / 2] ^= 0x01;
        EncryptedCard tampered = new EncryptedCard(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.open(ORDER_ID, tampered)).isInstanceOf(CardKeyException.class);
    }

    @Test
    void tamperedNonceIsRefused() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[0] ^= 0x01;
        EncryptedCard tampered = new EncryptedCard(sealed.keyId(), Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> cipher.open(ORDER_ID, tampered)).isInstanceOf(CardKeyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "not base64 !", "AAAA", "AAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
    void garbageCiphertextIsRefused(String ciphertext) {
        EncryptedCard garbage = new EncryptedCard(Orders.CARD_KEY_ID, ciphertext);

        assertThatThrownBy(() -> cipher.open(ORDER_ID, garbage)).isInstanceOf(CardKeyException.class);
    }

    @Test
    void encryptedCardToStringShowsOnlyTheKeyId() {
        EncryptedCard sealed = cipher.seal(ORDER_ID, CARD);

        assertThat(sealed.toString()).contains(Orders.CARD_KEY_ID)
            .doesNotContain(sealed.ciphertext())
            .doesNotContain(Orders.VISA);
    }

    @Test
    void cardSecretToStringNeverShowsTheNumberOrExpiry() {
        assertThat(CARD.toString()).doesNotContain(Orders.VISA).doesNotContain("4242").doesNotContain("12/30");
    }

    /**
     * After a rotation: "old" (Orders.CARD_KEY) still opens, "new"
     * (Orders.OTHER_CARD_KEY) seals.
     */
    private static CardKeyRing rotatedRing() {
        return CardKeyRing.configured("old=" + Orders.CARD_KEY + ",new=" + Orders.OTHER_CARD_KEY, null, null, "new");
    }

}
