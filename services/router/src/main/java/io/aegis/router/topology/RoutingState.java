package io.aegis.router.topology;

import io.aegis.schema.signal.ThreatSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the router remembers of a routed signal: the signal as currently labelled (after any
 * downgrade), whether it was retracted, and every destination that holds a copy or has one
 * waiting under embargo (value: the embargo store key, or "" once delivered).
 */
record RoutingState(ThreatSignal signal, boolean retracted, Map<String, String> recipients) {

    private static final AvroBinarySerde<ThreatSignal> SIGNALS = new AvroBinarySerde<>(ThreatSignal.class);

    RoutingState {
        recipients = new TreeMap<>(recipients);
    }

    static Serde<RoutingState> serde() {
        Serializer<RoutingState> serializer = (topic, state) -> state == null ? null : state.toBytes();
        Deserializer<RoutingState> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] signalBytes = SIGNALS.toBytes(signal);
            out.writeInt(signalBytes.length);
            out.write(signalBytes);
            out.writeBoolean(retracted);
            out.writeInt(recipients.size());
            for (Map.Entry<String, String> entry : recipients.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RoutingState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte[] signalBytes = in.readNBytes(in.readInt());
            boolean retracted = in.readBoolean();
            int count = in.readInt();
            Map<String, String> recipients = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                recipients.put(in.readUTF(), in.readUTF());
            }
            return new RoutingState(SIGNALS.fromBytes(signalBytes), retracted, recipients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
