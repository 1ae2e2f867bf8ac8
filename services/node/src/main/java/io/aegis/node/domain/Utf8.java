package io.aegis.node.domain;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for request bodies. JSON between systems must be UTF-8 (RFC 8259), and YAML text is
 * Unicode: a body with bytes that are not UTF-8 (stray or truncated sequences, overlong forms, encoded
 * surrogates, code points beyond U+10FFFF) is malformed, never silently repaired, so what the node
 * publishes is exactly what the caller sent.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text of {@code body}, or a {@link MalformedBodyException} naming the first byte that is not UTF-8. */
    public static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate((int) (body.length * (double) decoder.maxCharsPerByte()) + 1);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedBodyException("the request body is not valid UTF-8 (at byte " + in.position() + ")");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** The index of the first unpaired surrogate in {@code text} (text that UTF-8 cannot carry), or -1. */
    public static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
