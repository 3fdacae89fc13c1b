package io.kafkarestaurants.order;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;

/**
 * Reads a {@code POST /orders} body strictly: malformed JSON, unknown fields, wrong
 * types, trailing content and bodies over the size limit are rejected with the offending
 * field named. Jackson's own messages are never echoed (they can quote the input, card
 * number included).
 */
public class OrderRequests {

    private final ObjectMapper strict = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .withCoercionConfig(LogicalType.Textual,
                config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer,
                config -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .build();

    private final long maxBytes;

    OrderRequests(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Rejects a declared {@code Content-Length} over the limit before the body is read.
     */
    public void checkDeclaredLength(Long contentLength) {
        if (contentLength != null && contentLength > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
    }

    /**
     * Orders are JSON: any other declared media type is a 415 (a missing one is read as
     * JSON).
     */
    public void checkMediaType(String contentType) {
        if (contentType != null && !contentType.isBlank()) {
            String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("application/json") && !type.endsWith("+json")) {
                throw new UnsupportedMediaTypeException();
            }
        }
    }

    public OrderRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("body", "must be a JSON order");
        }
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
        try {
            OrderRequest request = strict.readValue(body, OrderRequest.class);
            if (request == null) {
                throw invalid("body", "must be a JSON order");
            }
            return request;
        }
        catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), "is not a known field");
        }
        catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException) {
                throw invalid("body", "is not valid JSON");
            }
            String field = path(e);
            throw invalid(field, field.equals("body") ? "must be a JSON object" : "has the wrong type");
        }
        catch (JacksonException e) {
            throw invalid("body", "is not valid JSON");
        }
        catch (java.io.IOException e) {
            throw invalid("body", "could not be read");
        }
    }

    private static InvalidOrderException invalid(String field, String message) {
        return new InvalidOrderException(List.of(new FieldError(field, message)));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

}
