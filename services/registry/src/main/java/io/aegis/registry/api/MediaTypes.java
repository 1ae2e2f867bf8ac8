package io.aegis.registry.api;

/** The media types Confluent's REST API speaks and accepts. */
final class MediaTypes {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String JSON = "application/vnd.schemaregistry+json";
    static final String PLAIN_JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    private MediaTypes() {
    }
}
