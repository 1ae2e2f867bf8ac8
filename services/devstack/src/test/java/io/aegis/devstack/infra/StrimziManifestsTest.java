package io.aegis.devstack.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StrimziManifestsTest {

    @Test
    void shouldConvertNamesToStrimziConventions() {
        assertEquals("node-fr", StrimziManifests.k8sName("node-FR"));
        assertEquals("schemas", StrimziManifests.k8sName("_schemas"));
        assertEquals("aegis.outbox.jp", StrimziManifests.k8sName("aegis.outbox.JP"));
        assertEquals("IdempotentWrite", StrimziManifests.operation("IDEMPOTENT_WRITE"));
        assertEquals("transactionalId", StrimziManifests.resourceType("TRANSACTIONAL_ID"));
    }
}
