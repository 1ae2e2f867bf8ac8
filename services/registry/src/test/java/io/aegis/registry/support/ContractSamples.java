package io.aegis.registry.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a populated instance of any generated contract class from its schema, so a test can
 * cover every contract without hand-writing each one: every field set, one element in every
 * array and map, and every union taking either its last branch (all optional values present,
 * the last payload kind) or its first (optional values null, the first payload kind).
 */
public final class ContractSamples {

    private ContractSamples() {
    }

    public static <T extends SpecificRecord> T sample(Class<T> type, boolean lastUnionBranch) {
        Schema schema = SpecificData.get().getSchema(type);
        Object generic = value(schema, lastUnionBranch, "v");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<>(schema).write(generic, encoder);
            encoder.flush();
            return new SpecificDatumReader<>(type).read(null,
                    DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(Schema schema, boolean last, String name) {
        return switch (schema.getType()) {
            case RECORD -> record(schema, last);
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(last ? schema.getEnumSymbols().size() - 1 : 0));
            case ARRAY -> new GenericData.Array<>(schema, List.of(value(schema.getElementType(), last, name)));
            case MAP -> Map.of("k", value(schema.getValueType(), last, name));
            case UNION -> value(schema.getTypes().get(last ? schema.getTypes().size() - 1 : 0), last, name);
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case STRING -> name + "-text";
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case INT -> 3;
            case LONG -> 1_795_000_000_000L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.5d;
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }

    private static GenericData.Record record(Schema schema, boolean last) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), value(field.schema(), last, field.name()));
        }
        return record;
    }
}
