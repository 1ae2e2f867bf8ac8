package io.aegis.node.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.fuzz.BodySchema.Field;
import io.aegis.node.fuzz.BodySchema.Kind;
import io.aegis.node.fuzz.BodySchema.Objects;
import io.aegis.node.fuzz.BodySchema.Strings;
import io.aegis.node.fuzz.BodySchema.Symbol;
import io.aegis.node.fuzz.BodySchema.Text;
import io.aegis.node.fuzz.BodySchema.Timestamp;
import io.aegis.node.fuzz.BodySchema.Whole;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.aegis.node.fuzz.Values.NODES;

/**
 * JSON request bodies of a {@link BodySchema}: valid examples (varied in their free text), and bodies that are invalid by
 * construction: a field of the wrong type or value, a required field missing, an unknown field, a
 * value that is not an object, malformed or truncated JSON, duplicate keys, nesting beyond any parser's
 * bound, long text, bytes that are not UTF-8, strings with unpaired surrogates.
 */
public final class BodyFuzz {

    private static final String MARK = "\u0001FUZZ\u0001";
    private final Values v;

    public BodyFuzz(Values values) {
        this.v = values;
    }

    static byte[] bytes(JsonNode json) {
        try {
            return Contract.JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid body: the example with its free text replaced by random text. */
    public ObjectNode valid(BodySchema schema) {
        ObjectNode body = schema.example().deepCopy();
        for (Field field : schema.fields()) {
            if (body.has(field.name()) && field.kind() instanceof Text t && t.free() && v.chance(0.5)) {
                String text = v.text();
                body.put(field.name(), text.isBlank() || text.length() > t.max() ? "x" : text);
            }
        }
        return body;
    }

    /** An invalid body for the schema, with a label saying how it breaks the contract. */
    public Labelled invalid(BodySchema schema) {
        return switch (v.random.nextInt(20)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> new Labelled("field rules", bytes(mutated(schema)));
            case 9, 10 -> new Labelled("not an object", bytes(notObject(schema)));
            case 11, 12 -> new Labelled("random JSON object", bytes(randomObject(schema)));
            case 13, 14, 15 -> new Labelled("malformed JSON", malformed(schema));
            case 16 -> new Labelled("deep nesting", deep(schema));
            case 17 -> new Labelled("long text", bytes(longText(schema)));
            default -> new Labelled("several rules", bytes(mutated(schema, v.between(3, 8))));
        };
    }

    /** A body and how it was made. */
    public record Labelled(String label, byte[] body) {
    }

    ObjectNode mutated(BodySchema schema) {
        return mutated(schema, v.between(1, 3));
    }

    /** The valid body with optional fields dropped first, then {@code count} rule-breaking changes (so none is undone). */
    ObjectNode mutated(BodySchema schema, int count) {
        ObjectNode body = valid(schema);
        for (Field field : schema.fields()) {
            if (!field.required() && v.chance(0.2)) {
                body.remove(field.name());
            }
        }
        for (int i = 0; i < count; i++) {
            breakOne(body, schema.fields());
        }
        return body;
    }

    /** One change that makes {@code body} break a rule of {@code fields}. */
    void breakOne(ObjectNode body, List<Field> fields) {
        Field field = v.oneOf(fields);
        List<Field> required = fields.stream().filter(Field::required).toList();
        switch (v.random.nextInt(required.isEmpty() ? 3 : 4)) {
            case 0 -> body.set(unknownName(fields), v.json(3));
            case 1 -> body.set(field.name(), wrongType(field.kind()));
            case 2 -> body.set(field.name(), wrongValue(field.kind()));
            default -> {
                Field gone = v.oneOf(required);
                if (v.random.nextBoolean()) {
                    body.remove(gone.name());
                } else {
                    body.putNull(gone.name());
                }
            }
        }
    }

    private String unknownName(List<Field> fields) {
        while (true) {
            String name = v.random.nextBoolean() ? v.word() : v.text();
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                return name;
            }
        }
    }

    JsonNode wrongType(Kind kind) {
        if (kind instanceof Whole w) {
            return v.oneOf(List.of(NODES.textNode(String.valueOf(w.min())), NODES.booleanNode(true),
                    NODES.arrayNode().add(w.min()), v.otherThan("number")));
        }
        if (kind instanceof Strings s) {
            return v.chance(0.3) ? NODES.textNode(s.valid()) : v.otherThan("array");
        }
        if (kind instanceof Objects o) {
            return v.chance(0.3) ? o.example().deepCopy() : v.otherThan("array");
        }
        if (kind instanceof Timestamp && v.chance(0.3)) {
            return NODES.numberNode(Instant.now().toEpochMilli());
        }
        return v.otherThan("string"); // Text, Symbol, Timestamp
    }

    /** A value of the right JSON type that the rule refuses. */
    JsonNode wrongValue(Kind kind) {
        if (kind instanceof Text t) {
            return NODES.textNode(badText(t));
        }
        if (kind instanceof Symbol s) {
            return NODES.textNode(badSymbol(s));
        }
        if (kind instanceof Whole w) {
            return switch (v.random.nextInt(5)) {
                case 0 -> NODES.numberNode((long) w.min() - 1 - v.random.nextInt(1000));
                case 1 -> NODES.numberNode((long) w.max() + 1 + v.random.nextInt(1000));
                case 2 -> NODES.numberNode(w.min() + 0.5);
                case 3 -> NODES.numberNode(new BigInteger("9".repeat(v.between(11, 400))));
                default -> NODES.numberNode(1e300);
            };
        }
        if (kind instanceof Timestamp) {
            return NODES.textNode(v.oneOf(List.of("20/11/2026", "2026-13-01T00:00:00Z", "2026-11-20", "yesterday",
                    "", v.word(), Instant.now().plus(Duration.ofDays(v.between(1, 10_000))).toString(), "2026-11-20T10:00:00")));
        }
        return kind instanceof Strings s ? wrongStrings(s) : wrongObjects((Objects) kind);
    }

    String badText(Text t) {
        return switch (v.random.nextInt(t.free() ? 2 : 4)) {
            case 0 -> v.blank();
            case 1 -> v.longer(t.max());
            case 2 -> t.invalid().isEmpty() ? v.blank() : v.oneOf(t.invalid());
            default -> {
                String text = v.text();
                yield t.pattern() != null && !t.pattern().matcher(text).matches() ? text : "not valid " + text;
            }
        };
    }

    String badSymbol(Symbol s) {
        String member = v.oneOf(s.values());
        String bad = switch (v.random.nextInt(5)) {
            case 0 -> member.toLowerCase(Locale.ROOT);
            case 1 -> member + " ";
            case 2 -> " " + member;
            case 3 -> v.blank();
            default -> v.word().toUpperCase(Locale.ROOT);
        };
        return s.values().contains(bad) ? bad + "?" : bad;
    }

    private JsonNode wrongStrings(Strings s) {
        ArrayNode array = NODES.arrayNode();
        switch (v.random.nextInt(4)) {
            case 0 -> array.add(wrongItem(s.item()));
            case 1 -> array.add(s.valid()).add(s.valid());
            case 2 -> array.add(s.valid()).add(v.otherThan("string"));
            default -> {
                for (int i = 0; i <= s.maxItems(); i++) {
                    array.add(s.valid());
                }
            }
        }
        return array;
    }

    private String wrongItem(Kind item) {
        return item instanceof Symbol s ? badSymbol(s) : badText((Text) item);
    }

    private JsonNode wrongObjects(Objects o) {
        ArrayNode array = NODES.arrayNode();
        ObjectNode item = o.example().deepCopy();
        switch (v.random.nextInt(5)) {
            case 0 -> array.add(v.otherThan("object"));
            case 1 -> {
                breakOne(item, o.fields());
                array.add(item);
            }
            case 2 -> array.add(o.invalidItems().isEmpty() ? NODES.objectNode() : v.oneOf(o.invalidItems()).deepCopy());
            case 3 -> array.add(item).add(NODES.objectNode().put(unknownName(o.fields()), 1));
            default -> {
                for (int i = 0; i <= o.maxItems(); i++) {
                    array.add(item);
                }
            }
        }
        return array;
    }

    /** JSON that is valid but not an object ({@code null} only where an empty body is invalid). */
    JsonNode notObject(BodySchema schema) {
        while (true) {
            JsonNode value = v.random.nextBoolean() ? v.scalar() : NODES.arrayNode().add(schema.example()).add(v.json(2));
            if (!value.isNull() || !schema.emptyValid()) {
                return value;
            }
        }
    }

    /** A random object with at least one key the schema does not know. */
    ObjectNode randomObject(BodySchema schema) {
        JsonNode random = v.json(4);
        ObjectNode object = random.isObject() ? (ObjectNode) random : NODES.objectNode().set("value", random);
        object.set(unknownName(schema.fields()), v.json(2));
        return object;
    }

    byte[] malformed(BodySchema schema) {
        String json = new String(bytes(valid(schema)), StandardCharsets.UTF_8);
        String first = schema.fields().get(0).name();
        String text = switch (v.random.nextInt(schema.emptyValid() ? 9 : 10)) {
            case 0 -> json.substring(0, v.between(1, json.length() - 1));
            case 1 -> json + v.oneOf(List.of(" {}", "]", ",", " x", "\u0000", "{\"a\":1}"));
            case 2 -> "{\"" + first + "\": 1, \"" + first + "\": 2}";
            case 3 -> json.replace('"', '\'');
            case 4 -> "{/* comment */ " + json.substring(1);
            case 5 -> "{\"" + first + "\": NaN}";
            case 6 -> "@" + v.anyText();
            case 7 -> "\uFEFF\uFEFF" + json;
            case 8 -> "{\"" + first + "\": \"unterminated}";
            default -> "";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Nesting deeper than any JSON parser should follow, or a deep (but parseable) value where a field is due. */
    byte[] deep(BodySchema schema) {
        int depth = v.chance(0.5) ? v.between(1001, 20_000) : v.between(50, 999);
        String open = v.random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String field = v.oneOf(schema.fields()).name();
        return ("{\"" + field + "\": " + nested + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A field far longer than its bound (still under the request size limit). */
    ObjectNode longText(BodySchema schema) {
        ObjectNode body = valid(schema);
        Field field = v.oneOf(schema.fields());
        body.put(field.name(), "y".repeat(v.between(100_000, 900_000)));
        return body;
    }

    /** A valid body of which a free-text field carries bytes that are not UTF-8 (or, without one, a symbol). */
    public byte[] invalidUtf8(BodySchema schema) {
        ObjectNode body = valid(schema);
        Field field = schema.fields().stream().filter(f -> body.has(f.name()) && body.get(f.name()).isTextual())
                .filter(f -> f.kind() instanceof Text t && t.free()).findFirst()
                .orElseGet(() -> schema.fields().stream().filter(f -> body.path(f.name()).isTextual()).findFirst().orElseThrow());
        String value = body.get(field.name()).asText();
        int at = v.between(0, value.length());
        body.put(field.name(), value.substring(0, at) + MARK + value.substring(at));
        return splice(bytes(body), v.invalidUtf8());
    }

    /** A valid body of which a free-text field holds an unpaired surrogate (as a JSON escape: valid UTF-8, invalid Unicode). */
    public byte[] loneSurrogate(BodySchema schema) {
        ObjectNode body = valid(schema);
        Field field = schema.fields().stream().filter(f -> f.kind() instanceof Text t && t.free() && body.has(f.name()))
                .findFirst().orElseThrow();
        if (v.chance(0.3)) {
            body.put("key" + MARK, 1); // in a field name: unknown, and named in the error answer
        } else {
            body.put(field.name(), "before" + MARK + "after");
        }
        String escape = v.oneOf(List.of("\\ud800", "\\udfff", "\\udbff\\u0041", "\\ude00\\ud800"));
        return splice(bytes(body), escape.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a schema has a free-text field a surrogate can be put in. */
    static boolean hasFreeText(BodySchema schema) {
        return schema.fields().stream().anyMatch(f -> f.kind() instanceof Text t && t.free() && schema.example().has(f.name()));
    }

    static byte[] splice(byte[] json, byte[] replacement) {
        byte[] mark = bytes(NODES.textNode(MARK));
        String text = new String(json, StandardCharsets.ISO_8859_1);
        String markText = new String(mark, 1, mark.length - 2, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(markText);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        out.writeBytes(replacement);
        out.write(json, at + markText.length(), json.length - at - markText.length());
        return out.toByteArray();
    }
}
