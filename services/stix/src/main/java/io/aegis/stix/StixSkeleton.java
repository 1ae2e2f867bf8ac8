package io.aegis.stix;

import io.aegis.schema.common.Tlp;

import java.time.Instant;
import java.util.List;

/**
 * What is kept of an exported signal once its content is gone (a retraction removes it): the ids of
 * the versioned objects it was exported as (report first), when they were created and their TLP, so
 * that their revoked versions can be served without the content. Holds no content.
 */
public record StixSkeleton(String signalId, Instant created, Tlp tlp, List<String> objectIds) {
}
