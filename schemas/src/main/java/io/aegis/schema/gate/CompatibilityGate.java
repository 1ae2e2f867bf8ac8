package io.aegis.schema.gate;

import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseEvent;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import io.aegis.schema.response.Notification;
import io.aegis.schema.routing.CoordinationSignal;
import io.aegis.schema.routing.RoutingDecision;
import io.aegis.schema.routing.SharingPolicy;
import io.aegis.schema.signal.InboxEvent;
import io.aegis.schema.signal.OutboxEvent;
import io.aegis.schema.signal.Receipt;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.SharedSignal;
import io.aegis.schema.signal.SignalContent;
import io.aegis.schema.signal.SignaturePayload;
import io.aegis.schema.signal.ThreatSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The released-schema gate: every contract record has a released schema under
 * {@code schemas/released/<full name>.avsc}, and the current schema must read data written with
 * it (BACKWARD, decided by Avro's own {@link SchemaCompatibility}). The schemas module's tests
 * run this gate, so an incompatible change fails the build.
 *
 * <p>Run {@code release <dir>} to record the current schemas as released (after a release, or
 * when a new contract is added).
 */
public final class CompatibilityGate {

    /** The top-level contracts carried on topics or signed; nested records are checked through them. */
    public static final List<Schema> CONTRACTS = List.of(
            OutboxEvent.getClassSchema(), InboxEvent.getClassSchema(), ThreatSignal.getClassSchema(),
            SignalContent.getClassSchema(), SignaturePayload.getClassSchema(), Retraction.getClassSchema(),
            SharedSignal.getClassSchema(), Receipt.getClassSchema(), SharingPolicy.getClassSchema(),
            RoutingDecision.getClassSchema(), CoordinationSignal.getClassSchema(), Escalation.getClassSchema(),
            EmergencyCase.getClassSchema(), CaseEvent.getClassSchema(), CaseCommand.getClassSchema(),
            Notification.getClassSchema(), io.aegis.schema.users.UserChange.getClassSchema());

    private CompatibilityGate() {
    }

    /** One broken rule: which contract, and what Avro found. */
    public record Violation(String contract, String message) {
        @Override
        public String toString() {
            return contract + ": " + message;
        }
    }

    /** Checks that {@code current} can read data written with {@code released} (BACKWARD). */
    public static List<Violation> checkBackward(Schema released, Schema current) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        List<Violation> violations = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            violations.add(new Violation(current.getFullName(), incompatibility.getType() + " at "
                    + incompatibility.getLocation() + ": " + incompatibility.getMessage()));
        }
        return violations;
    }

    /** Checks every contract against its released schema in {@code releasedDir}. */
    public static List<Violation> check(Path releasedDir, List<Schema> contracts) {
        List<Violation> violations = new ArrayList<>();
        for (Schema current : contracts) {
            Path file = releasedDir.resolve(current.getFullName() + ".avsc");
            if (!Files.exists(file)) {
                violations.add(new Violation(current.getFullName(),
                        "no released schema at " + file + " (run CompatibilityGate release)"));
                continue;
            }
            violations.addAll(checkBackward(read(file), current));
        }
        return violations;
    }

    /** Writes the current schema of every contract into {@code releasedDir}. */
    public static void release(Path releasedDir, List<Schema> contracts) {
        try {
            Files.createDirectories(releasedDir);
            for (Schema schema : contracts) {
                Files.writeString(releasedDir.resolve(schema.getFullName() + ".avsc"), schema.toString(true) + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write released schemas to " + releasedDir, e);
        }
    }

    static Schema read(Path file) {
        try {
            return new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read released schema " + file, e);
        }
    }

    /** {@code check <dir>} exits 1 naming each violation; {@code release <dir>} records the current schemas. */
    public static void main(String[] args) {
        if (args.length != 2 || !List.of("check", "release").contains(args[0])) {
            System.err.println("usage: CompatibilityGate check|release <released-schemas-dir>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        if (args[0].equals("release")) {
            release(dir, CONTRACTS);
            System.out.println("released " + CONTRACTS.size() + " schemas to " + dir);
            return;
        }
        List<Violation> violations = check(dir, CONTRACTS);
        violations.forEach(v -> System.err.println("incompatible: " + v));
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
