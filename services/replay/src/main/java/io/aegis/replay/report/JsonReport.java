package io.aegis.replay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aegis.replay.ReplayException;

/** Renders report data (timelines, verification, what-if) as indented JSON with ISO-8601 instants. */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Object report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new ReplayException(ReplayException.FAILURE, "cannot render JSON report: " + e.getMessage(), e);
        }
    }

    /** The mapper, for tests that read a JSON export back. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
