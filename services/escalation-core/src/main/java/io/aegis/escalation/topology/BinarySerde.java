package io.aegis.escalation.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact versioned binary serde for the escalation's own state (never a contract: state stores
 * and their changelogs are read only by this service). The first byte is the format version;
 * an unknown version fails loudly instead of being misread.
 */
final class BinarySerde<T> implements Serde<T> {

    static final byte FORMAT_VERSION = 1;

    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final String name;
    private final Writer<T> writer;
    private final Reader<T> reader;

    BinarySerde(String name, Writer<T> writer, Reader<T> reader) {
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    private byte[] encode(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            writer.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + name, e);
        }
        return bytes.toByteArray();
    }

    private T decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new SerializationException(name + ": unknown state format version " + version);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new SerializationException(name + ": cannot decode " + bytes.length + " bytes", e);
        }
    }
}
