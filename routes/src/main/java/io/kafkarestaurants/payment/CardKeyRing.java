package io.kafkarestaurants.payment;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 card keys a process holds, each under its id: every key opens the cards
 * sealed under its id, exactly one (the active id) seals new ones. Built once at start-up
 * from configuration; a problem stops the start-up with the property's name, never with a
 * key's value (an id is echoed only when it looks like an id, not like a key).
 */
public final class CardKeyRing {

    static final String KEYS = "restaurants.card.keys (env CARD_KEYS)";
    static final String KEY = "restaurants.card.key (env CARD_KEY)";
    static final String KEY_ID = "restaurants.card.key-id (env CARD_KEY_ID)";
    static final String ACTIVE_KEY_ID = "restaurants.card.active-key-id (env CARD_ACTIVE_KEY_ID)";

    private static final int KEY_BYTES = 32;

    /**
     * Short enough that no AES-256 key written out (base64: 44 characters, hex: 64)
     * passes for an id.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private static final String ID_RULE = "a key id is 1 to 32 letters, digits, '.', '_' or '-'";

    private final Map<String, SecretKey> keys;

    private final String activeKeyId;

    private CardKeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
        this.activeKeyId = activeKeyId;
    }

    /**
     * The ring the configuration describes: the entries of {@code keys}
     * ({@code id=base64-key}, comma-separated) plus {@code key} under {@code keyId} when
     * {@code key} is set (the one-key form), sealing with {@code activeKeyId}.
     */
    public static CardKeyRing configured(String keys, String key, String keyId, String activeKeyId) {
        Map<String, SecretKey> ring = new TreeMap<>();
        String[] entries = keys == null ? new String[0] : keys.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            String where = "entry " + (i + 1) + " of " + KEYS;
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException(where + " is not id=base64-key");
            }
            String id = checkedId(entry.substring(0, equals).strip(), where);
            add(ring, id, decode(entry.substring(equals + 1), "the key of " + where + " (id '" + id + "')"));
        }
        if (key != null && !key.isBlank()) {
            add(ring, checkedId(keyId == null ? "" : keyId.strip(), KEY_ID), decode(key, KEY));
        }
        if (ring.isEmpty()) {
            throw new IllegalStateException("No card key: set " + KEYS + " to id=base64-key entries, or " + KEY
                    + " to one base64 AES-256 key, e.g. the output of: openssl rand -base64 32");
        }
        String active = activeKeyId == null ? "" : activeKeyId.strip();
        if (!ring.containsKey(active)) {
            throw new IllegalStateException(ACTIVE_KEY_ID + " must name the key that seals new orders, one of "
                    + ring.keySet() + "; it is " + (active.isEmpty() ? "empty" : shown(active)));
        }
        return new CardKeyRing(ring, active);
    }

    /** The id that new seals are written under. */
    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /**
     * An id in quotes, or a note that it is none (it may be a key pasted into the wrong
     * place).
     */
    static String shown(String id) {
        return id != null && ID.matcher(id).matches() ? "'" + id + "'" : "not a key id (" + ID_RULE + ")";
    }

    @Override
    public String toString() {
        return "CardKeyRing[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }

    private static String checkedId(String id, String where) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException(where + ": " + ID_RULE);
        }
        return id;
    }

    private static SecretKey decode(String base64Key, String what) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not valid base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(
                    what + " must decode to " + KEY_BYTES + " bytes (AES-256), not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static void add(Map<String, SecretKey> ring, String id, SecretKey key) {
        if (ring.putIfAbsent(id, key) != null) {
            throw new IllegalStateException("Card key id '" + id + "' is given twice in " + KEYS + " and " + KEY_ID
                    + ": each id names one key");
        }
    }

}
