package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;

import java.math.BigInteger;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random values for the fuzzer, drawn from jqwik arbitraries (with their edge cases) through one
 * seeded {@link Random}, so a run is reproduced by its seed: text of any Unicode, JSON of any shape,
 * numbers at and beyond every bound, and byte sequences that are not UTF-8.
 */
public final class Values {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Byte sequences that are not UTF-8: stray continuation, truncated, overlong, surrogate, beyond U+10FFFF, never-valid. */
    static final List<byte[]> INVALID_UTF8 = List.of(new byte[]{(byte) 0x80}, new byte[]{(byte) 0xBF},
            new byte[]{(byte) 0xC3}, new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xFE}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xE2, (byte) 0x82},
            new byte[]{(byte) 0xF0, (byte) 0x9F, (byte) 0x98});

    final Random random;
    private final Map<Arbitrary<?>, RandomGenerator<?>> generators = new IdentityHashMap<>();
    private final Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(40);
    private final Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\ud7ff')
            .withCharRange('\ue000', '\uffff').ofMaxLength(40);
    private final Arbitrary<String> word = Arbitraries.strings().alpha().numeric().withChars("-_.").ofMinLength(1).ofMaxLength(24);
    private final Arbitrary<Long> longs = Arbitraries.longs();
    private final Arbitrary<Integer> ints = Arbitraries.integers();
    private final Arbitrary<BigInteger> huge = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(60));
    private final Arbitrary<Double> doubles = Arbitraries.doubles();

    public Values(Random random) {
        this.random = random;
    }

    @SuppressWarnings("unchecked")
    <T> T draw(Arbitrary<T> arbitrary) {
        RandomGenerator<T> generator = (RandomGenerator<T>) generators.computeIfAbsent(arbitrary, a -> a.generator(1000, true));
        return generator.next(random).value();
    }

    /** Text of any characters, unpaired surrogates and controls included. */
    String anyText() {
        return draw(anyText);
    }

    /** Text of any characters that UTF-8 can carry. */
    String text() {
        return draw(text);
    }

    /** A short ASCII token (letters, digits, -_.), never empty. */
    String word() {
        return draw(word);
    }

    int integer() {
        return draw(ints);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    byte[] invalidUtf8() {
        return oneOf(INVALID_UTF8);
    }

    /** A JSON scalar of any type (null included). */
    JsonNode scalar() {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(draw(longs));
            case 3 -> NODES.numberNode(draw(huge));
            case 4 -> NODES.numberNode(draw(doubles));
            case 5 -> NODES.textNode(anyText().replaceAll("[\\ud800-\\udfff]", "?"));
            default -> NODES.textNode(text());
        };
    }

    /** Any JSON value: scalars, arrays and objects nested up to {@code depth}, keys of any text. */
    JsonNode json(int depth) {
        if (depth <= 0 || chance(0.4)) {
            return scalar();
        }
        int size = between(0, 5);
        if (random.nextBoolean()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(json(depth - 1));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            object.set(random.nextBoolean() ? word() : text(), json(depth - 1));
        }
        return object;
    }

    /** A JSON value that is neither null nor of the type {@code expected} ("string", "number", "array", "object"). */
    JsonNode otherThan(String expected) {
        while (true) {
            JsonNode value = json(2);
            String type = value.isTextual() ? "string" : value.isNumber() ? "number" : value.isArray() ? "array"
                    : value.isObject() ? "object" : value.isBoolean() ? "boolean" : "null";
            if (!type.equals(expected) && !type.equals("null")) {
                return value;
            }
        }
    }

    /** A text made only of whitespace (blank), possibly empty. */
    String blank() {
        return oneOf(List.of("", " ", "   ", "\t", "\n", " \r\n ", "\u2003"));
    }

    /** Text longer than {@code max} characters. */
    String longer(int max) {
        String unit = text();
        StringBuilder out = new StringBuilder(max + 64);
        while (out.length() <= max) {
            out.append(unit.isEmpty() ? "x" : unit);
        }
        return out.toString();
    }
}
