package io.aegis.router;

import io.aegis.router.config.AvroTrust;
import io.micronaut.runtime.Micronaut;

/** The routing service: per-country sharing-policy enforcement on Kafka Streams (port 8091). */
public final class RouterApplication {

    private RouterApplication() {
    }

    public static void main(String[] args) {
        AvroTrust.install();
        Micronaut.run(RouterApplication.class, args);
    }
}
