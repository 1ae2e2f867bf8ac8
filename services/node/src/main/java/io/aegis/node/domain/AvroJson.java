package io.aegis.node.domain;

import io.aegis.policy.TlpLabels;
import io.aegis.schema.common.Tlp;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Avro records as plain JSON-ready maps: field order as in the schema, enums by symbol
 * (TLP {@code AMBER_STRICT} as {@code AMBER+STRICT}), timestamps as ISO-8601, bytes as base64.
 */
public final class AvroJson {

    private AvroJson() {
    }

    public static Map<String, Object> toMap(IndexedRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            map.put(field.name(), value(record.get(field.pos())));
        }
        return map;
    }

    private static Object value(Object value) {
        if (value instanceof IndexedRecord nested) {
            return toMap(nested);
        }
        if (value instanceof Tlp tlp) {
            return TlpLabels.label(tlp);
        }
        if (value instanceof Enum<?> symbol) {
            return symbol.name();
        }
        if (value instanceof GenericEnumSymbol<?> symbol) {
            return symbol.toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            byte[] raw = new byte[copy.remaining()];
            copy.get(raw);
            return Base64.getEncoder().encodeToString(raw);
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>(items.size());
            items.forEach(item -> list.add(value(item)));
            return list;
        }
        if (value instanceof Map<?, ?> entries) {
            Map<String, Object> map = new LinkedHashMap<>();
            entries.forEach((k, v) -> map.put(k.toString(), value(v)));
            return map;
        }
        return value;
    }
}
