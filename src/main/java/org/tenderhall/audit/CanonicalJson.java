package org.tenderhall.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical JSON form of RFC 8785 (JCS) for the values the audit log hashes: object members sorted by
 * their UTF-16 code units, no insignificant white space, strings escaped as ECMAScript does.
 *
 * <p>Numbers are limited to integers of at most 2^53 in magnitude, which every JSON implementation reads the
 * same way; amounts of money and other decimals go into the log as strings.
 */
public final class CanonicalJson {

    private static final BigInteger MAX_EXACT = BigInteger.TWO.pow(53);

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 requires
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> elements = node.elements();
                for (int i = 0; elements.hasNext(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(elements.next(), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("Not a JSON value: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        BigInteger integer;
        if (node.isIntegralNumber()) {
            integer = node.bigIntegerValue();
        } else {
            try {
                integer = node.decimalValue().stripTrailingZeros().toBigIntegerExact();
            } catch (ArithmeticException notIntegral) {
                throw new IllegalArgumentException("Canonical JSON here takes integers only; send " + node
                        + " as a string");
            }
        }
        if (integer.abs().compareTo(MAX_EXACT) > 0) {
            throw new IllegalArgumentException("Integer " + integer + " is beyond 2^53; send it as a string");
        }
        out.append(integer);
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isSurrogate(c)) {
                        boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                                && Character.isLowSurrogate(value.charAt(i + 1));
                        if (!paired) {
                            throw new IllegalArgumentException("A lone surrogate is not valid I-JSON (RFC 8785)");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
