package io.aegis.escalation;

import io.aegis.kafka.avro.AvroTrust;
import io.micronaut.runtime.Micronaut;

/** The escalation service: correlation and severity tiering on Kafka Streams (port 8092). */
public final class EscalationApplication {

    private EscalationApplication() {
    }

    public static void main(String[] args) {
        AvroTrust.trustContracts();
        Micronaut.run(EscalationApplication.class, args);
    }
}
