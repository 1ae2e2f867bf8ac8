package io.aegis.response;

import io.aegis.kafka.avro.AvroTrust;
import io.micronaut.runtime.Micronaut;

/**
 * The response service: the joint emergency-response workflow on Kafka Streams, with health and
 * metrics on HTTP (default port 8093).
 */
public final class ResponseApplication {

    private ResponseApplication() {
    }

    public static void main(String[] args) {
        AvroTrust.trustContracts();
        Micronaut.run(ResponseApplication.class, args);
    }
}
