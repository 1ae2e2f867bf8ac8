package io.aegis.node.api;

import io.aegis.node.domain.InvalidRequestException;
import io.aegis.node.domain.MalformedBodyException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormBodiesTest {

    static byte[] form(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadPercentEncodedFieldsAsAJsonObject() {
        assertEquals("{\"username\":\"ada\",\"password\":\"p@ss word&=é\"}",
                FormBodies.parse(form("username=ada&password=p%40ss+word%26%3D%C3%A9")).toString());
        assertEquals("{\"a\":\"\"}", FormBodies.parse(form("a&&")).toString());
    }

    @Test
    void shouldRefuseAFieldGivenTwiceNamingIt() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> FormBodies.parse(form("username=a&username=b")));

        assertEquals("username", e.violations().get(0).field());
    }

    @Test
    void shouldRefuseABrokenEscapeAsMalformed() {
        assertThrows(MalformedBodyException.class, () -> FormBodies.parse(form("username=%ZZ")));
    }
}
