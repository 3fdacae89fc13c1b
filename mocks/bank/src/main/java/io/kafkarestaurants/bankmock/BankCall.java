package io.kafkarestaurants.bankmock;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a request to the bank asks: a charge with an Idempotency-Key ({@code POST /v1/payments}), the lookup of one
 * payment ({@code GET /v1/payments/{idempotencyKey}}), or anything else, which the stubs answer as they are.
 *
 * @param requestSha256 the SHA-256 of a charge's body: what tells a retry from a reuse of the key (the body holds a
 *                      card number, so only its digest is kept)
 */
record BankCall(Kind kind, String idempotencyKey, String requestSha256) {

    enum Kind { CHARGE, LOOKUP, OTHER }

    static final String PAYMENTS = "/v1/payments";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final BankCall OTHER = new BankCall(Kind.OTHER, null, null);

    static BankCall of(Request request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        RequestMethod method = request.getMethod();
        if (RequestMethod.POST.equals(method) && path.equals(PAYMENTS) && request.containsHeader(IDEMPOTENCY_KEY)) {
            return new BankCall(Kind.CHARGE, request.getHeader(IDEMPOTENCY_KEY), sha256(request.getBody()));
        }
        String key = path.startsWith(PAYMENTS + "/") ? path.substring(PAYMENTS.length() + 1) : "";
        if (RequestMethod.GET.equals(method) && !key.isEmpty() && key.indexOf('/') < 0) {
            return new BankCall(Kind.LOOKUP, URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8), null);
        }
        return OTHER;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
