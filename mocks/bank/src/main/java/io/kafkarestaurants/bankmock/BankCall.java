package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request to the bank asks: a charge with an Idempotency-Key
 * ({@code POST /v1/payments}), the lookup of one payment ({@code GET
 * /v1/payments/{idempotencyKey}}), or anything else, which the stubs answer as they are.
 *
 * @param requestSha256 the SHA-256 of a charge's body, as JSON with its object members in
 * name order (a client that sends the same charge with its fields in another order is
 * retrying it, as with a real payment API): what tells a retry from a reuse of the key
 * (the body holds a card number, so only its digest is kept)
 */
record BankCall(Kind kind, String idempotencyKey, String requestSha256) {

    enum Kind {

        CHARGE, LOOKUP, OTHER

    }

    static final String PAYMENTS = "/v1/payments";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final BankCall OTHER = new BankCall(Kind.OTHER, null, null);

    static BankCall of(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        RequestMethod method = request.getMethod();
        if (RequestMethod.POST.equals(method) && path.equals(PAYMENTS) && request.containsHeader(IDEMPOTENCY_KEY)) {
            return new BankCall(Kind.CHARGE, request.getHeader(IDEMPOTENCY_KEY), sha256(canonical(request.getBody())));
        }
        String key = path.startsWith(PAYMENTS + "/") ? path.substring(PAYMENTS.length() + 1) : "";
        if (RequestMethod.GET.equals(method) && !key.isEmpty() && key.indexOf('/') < 0) {
            return new BankCall(Kind.LOOKUP, URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8), null);
        }
        return OTHER;
    }

    /**
     * The body as JSON with every object's members in name order, or as it is when it is
     * not JSON.
     */
    static byte[] canonical(byte[] body) {
        if (body == null || body.length == 0) {
            return new byte[0];
        }
        try {
            Object value = Json.read(new String(body, StandardCharsets.UTF_8), Object.class);
            return Json.write(sorted(value)).getBytes(StandardCharsets.UTF_8);
        }
        catch (RuntimeException notJson) {
            return body;
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> byName = new TreeMap<>();
            map.forEach((name, member) -> byName.put(String.valueOf(name), sorted(member)));
            return byName;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(BankCall::sorted).toList();
        }
        return value;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
