package io.jnetlink.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The plugin's one Jackson mapper and the typed reads of configuration fields. */
final class Json {
    private Json() {}

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Parses a network configuration (an object), or throws the spec's decoding failure (6). */
    static ObjectNode parseObject(byte[] data, String what) {
        JsonNode n;
        try {
            n = MAPPER.readTree(data);
        } catch (java.io.IOException e) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error unmarshalling " + what + ": " + oneLine(e), "");
        }
        if (n == null || n.isMissingNode()) {
            throw new CniException(CniException.DECODING_FAILURE, "error unmarshalling " + what + ": no JSON on stdin");
        }
        if (!n.isObject()) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error unmarshalling " + what + ": a JSON object expected, got " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    static String oneLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.toString() : m.replace('\n', ' ');
    }

    /** A string field, or {@code fallback} when absent or null; a value of another type is refused. */
    static String string(JsonNode o, String field, String fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.asText();
    }

    static boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.booleanValue();
    }

    static int integer(JsonNode o, String field, int fallback) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(field, "an integer", v);
        }
        return v.intValue();
    }

    static ObjectNode object(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object", v);
        }
        return (ObjectNode) v;
    }

    static CniException wrongType(String field, String expected, JsonNode got) {
        return new CniException(CniException.INVALID_NETWORK_CONFIG,
                "invalid network configuration: \"" + field + "\" must be " + expected + ", got " + got);
    }

    static String write(JsonNode n) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
