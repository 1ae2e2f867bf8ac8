package io.aegis.node.paging;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AckTokensTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final AckTokens TOKENS = new AckTokens(KEY);

    static AckLink link(String caseId) {
        byte[] id = new byte[AckLink.ID_BYTES];
        Arrays.fill(id, (byte) 7);
        return new AckLink(id, "FR", caseId, "fr-duty-backup", caseId + "/4/fr-duty-backup",
                Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:00:00Z"));
    }

    @Test
    void shouldOpenTheLinkItIssued() {
        AckLink link = link("case-ioc:abc");
        assertEquals(link, TOKENS.open(TOKENS.issue(link)));
    }

    @Test
    void shouldCarryUnicodeFieldsExactly() {
        AckLink link = new AckLink(new byte[16], "FR", "case-é", "officier-ü", "n/1/ü", Instant.EPOCH, Instant.ofEpochSecond(60));
        assertEquals(link, TOKENS.open(TOKENS.issue(link)));
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKeyAsForged() {
        String token = new AckTokens("another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)).issue(link("c-1"));
        assertThatThrownBy(() -> TOKENS.open(token)).isInstanceOfSatisfying(InvalidLinkException.class,
                e -> assertEquals(InvalidLinkException.Kind.FORGED, e.kind()));
    }

    @Test
    void shouldRefuseAnAlteredPayloadWithTheOriginalSignatureAsForged() {
        // Given a link for case c-1 whose payload is rewritten to name case c-2, keeping the signature
        String token = TOKENS.issue(link("c-1"));
        String mac = token.substring(token.indexOf('.') + 1);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(AckTokens.payload(link("c-2")));
        // Then it does not open
        assertThatThrownBy(() -> TOKENS.open(payload + "." + mac)).isInstanceOfSatisfying(InvalidLinkException.class,
                e -> assertEquals(InvalidLinkException.Kind.FORGED, e.kind()));
    }

    @Test
    void shouldRefuseWhatIsNoTokenAsMalformed() {
        String token = TOKENS.issue(link("c-1"));
        for (String bad : new String[] {"", "abc", ".", "abc.", ".abc", token + ".x", token.replace('.', '!'), "a b.c",
                token.substring(0, token.indexOf('.')) + ".=="}) {
            assertThatThrownBy(() -> TOKENS.open(bad)).as(bad).isInstanceOfSatisfying(InvalidLinkException.class,
                    e -> assertEquals(InvalidLinkException.Kind.MALFORMED, e.kind()));
        }
    }

    @Test
    void shouldRefuseAKeyShorterThan32Bytes() {
        assertThatThrownBy(() -> new AckTokens(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    /** Why it matters: a link is a credential; no altered copy of it may acknowledge anything. */
    @Property(tries = 2000)
    void shouldRefuseEveryTokenWithOneBitFlipped(@ForAll("caseIds") String caseId, @ForAll @IntRange(min = 0, max = 10_000) int at,
                                                 @ForAll @IntRange(min = 0, max = 7) int bit) {
        String token = TOKENS.issue(link(caseId));
        String flipped = flip(token, at % token.length(), bit);
        assertThatThrownBy(() -> TOKENS.open(flipped)).isInstanceOf(InvalidLinkException.class);
    }

    /** One bit of one character of the token flipped (the string the officer's mail client holds). */
    static String flip(String token, int index, int bit) {
        char[] chars = token.toCharArray();
        chars[index] = (char) (chars[index] ^ (1 << bit));
        return new String(chars);
    }

    /** The same for the decoded bytes, re-encoded canonically: what a forger able to write base64 would try. */
    @Property(tries = 2000)
    void shouldRefuseEveryCanonicalTokenWithOneDecodedBitFlipped(@ForAll("caseIds") String caseId,
                                                                 @ForAll @IntRange(min = 0, max = 100_000) int at) {
        String token = TOKENS.issue(link(caseId));
        int dot = token.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        int bits = (payload.length + mac.length) * 8;
        int flip = at % bits;
        byte[] target = flip < payload.length * 8 ? payload : mac;
        int index = flip < payload.length * 8 ? flip : flip - payload.length * 8;
        target[index / 8] ^= (byte) (1 << (index % 8));
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String forged = encoder.encodeToString(payload) + "." + encoder.encodeToString(mac);
        assertThatThrownBy(() -> TOKENS.open(forged)).isInstanceOfSatisfying(InvalidLinkException.class,
                e -> assertThat(e.kind()).isEqualTo(InvalidLinkException.Kind.FORGED));
    }

    @Provide
    Arbitrary<String> caseIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._:-").ofMinLength(1).ofMaxLength(100);
    }
}
