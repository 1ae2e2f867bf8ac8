package io.aegis.registry.domain;

/** One version of a subject: the schema's global id and its canonical text. */
public record SubjectVersion(String subject, int version, int id, String schema, boolean deleted) {
}
