package io.aegis.node.api;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;

/** Hands YAML request bodies (the policy endpoint) to controllers as raw bytes; parsing is the domain's job. */
@Singleton
@Consumes({"application/yaml", "application/x-yaml", "text/yaml"})
public class YamlBodyReader implements MessageBodyReader<byte[]> {

    @Override
    public byte[] read(Argument<byte[]> type, MediaType mediaType, Headers headers, InputStream input) {
        try {
            return input.readAllBytes();
        } catch (IOException e) {
            throw new CodecException("unreadable YAML body: " + e.getMessage(), e);
        }
    }
}
