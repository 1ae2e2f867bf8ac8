package io.aegis.router.topology;

import io.aegis.schema.common.Tlp;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.ThreatSignal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Unsigned retraction builders for tests. */
final class Retractions {

    private Retractions() {
    }

    static Retraction retract(ThreatSignal signal, Instant at) {
        return base(signal, at, RetractionKind.RETRACT).setReason("false positive").build();
    }

    static Retraction downgrade(ThreatSignal signal, Instant at, Tlp tlp, List<String> recipients) {
        return base(signal, at, RetractionKind.DOWNGRADE).setReason("narrowing").setNewTlp(tlp).setNewRecipients(recipients).build();
    }

    private static Retraction.Builder base(ThreatSignal signal, Instant at, RetractionKind kind) {
        return Retraction.newBuilder().setSignalId(signal.getId()).setKind(kind).setIssuedAt(at)
                .setOriginCountry(signal.getOriginCountry()).setOriginAgency(signal.getOriginAgency())
                .setKeyId(signal.getKeyId()).setSignature(ByteBuffer.allocate(0));
    }
}
