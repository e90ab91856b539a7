package io.jnetlink.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The plugin's JSON, through jackson-jr (FasterXML's small object mapper over jackson-core): a
 * document reads as plain Java values (Map, List, String, Number, Boolean, null) and values write
 * back the same way. jackson-databind does the same work with about twice the start-up cost, and
 * start-up is most of a CNI call. Also the typed reads of configuration fields, which refuse a
 * value of the wrong type with the spec's error.
 */
final class Json {
    private Json() {}

    private static final JSON READER = JSON.std.without(JSON.Feature.USE_DEFERRED_MAPS);
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    /** Parses a JSON object (a configuration, a result), or throws the spec's decoding failure (6). */
    static Map<String, Object> parseObject(byte[] data, String what) {
        Object n;
        try {
            n = READER.anyFrom(data);
        } catch (IOException e) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error unmarshalling " + what + ": " + oneLine(e), "");
        }
        if (n == null) {
            throw new CniException(CniException.DECODING_FAILURE, "error unmarshalling " + what + ": no JSON on stdin");
        }
        if (!(n instanceof Map<?, ?>)) {
            throw new CniException(CniException.DECODING_FAILURE,
                    "error unmarshalling " + what + ": a JSON object expected, got " + typeName(n));
        }
        return asObject(n);
    }

    static String oneLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.toString() : m.replace('\n', ' ');
    }

    /** A string field, or {@code fallback} when absent or null; a value of another type is refused. */
    static String string(Map<String, Object> o, String field, String fallback) {
        Object v = o.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw wrongType(field, "a string", v);
        }
        return s;
    }

    static boolean bool(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(field, "true or false", v);
        }
        return b;
    }

    static int integer(Map<String, Object> o, String field, int fallback) {
        Object v = o.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer i)) {
            // jackson-jr reads an integral number as Integer when it fits, else Long or BigInteger
            throw wrongType(field, "an integer", v);
        }
        return i;
    }

    /** An object field, or null when absent or null. */
    static Map<String, Object> object(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw wrongType(field, "an object", v);
        }
        return asObject(v);
    }

    /** An array field, or null when absent or null. */
    static List<Object> array(Map<String, Object> o, String field) {
        Object v = o.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?>)) {
            throw wrongType(field, "an array", v);
        }
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) v;
        return l;
    }

    /** A value known to be a JSON object (jackson-jr's maps have String keys). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object v) {
        return (Map<String, Object>) v;
    }

    static CniException wrongType(String field, String expected, Object got) {
        return new CniException(CniException.INVALID_NETWORK_CONFIG,
                "invalid network configuration: \"" + field + "\" must be " + expected + ", got " + text(got));
    }

    /** JSON's name for the type of a value. */
    static String typeName(Object v) {
        return v == null ? "null" : v instanceof Map<?, ?> ? "object" : v instanceof List<?> ? "array"
                : v instanceof String ? "string" : v instanceof Boolean ? "boolean" : "number";
    }

    /** A value as compact JSON (for messages). */
    static String text(Object v) {
        try {
            return READER.asString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }

    /** A value as indented JSON (the plugin's output). */
    static String write(Object v) {
        try {
            return PRETTY.asString(v);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
