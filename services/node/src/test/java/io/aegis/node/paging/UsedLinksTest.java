package io.aegis.node.paging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsedLinksTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    static AckLink link(int id, Instant expiresAt) {
        byte[] bytes = new byte[AckLink.ID_BYTES];
        bytes[0] = (byte) id;
        return new AckLink(bytes, "FR", "c-1", "olivier", "n-" + id, NOW.minusSeconds(60), expiresAt);
    }

    @Test
    void shouldStillKnowAUsedLinkAfterARestart(@TempDir Path dir) throws Exception {
        // Why it matters: a restart must not make a used link usable again
        Path file = dir.resolve("state/used-links");
        AckLink link = link(1, NOW.plusSeconds(3600));
        try (UsedLinks used = UsedLinks.open(file, NOW)) {
            assertTrue(used.claim(link));
            used.record(link, NOW.plusSeconds(5));
        }
        try (UsedLinks reopened = UsedLinks.open(file, NOW.plusSeconds(10))) {
            assertEquals(Optional.of(NOW.plusSeconds(5)), reopened.usedAt(link));
            assertFalse(reopened.claim(link));
        }
    }

    @Test
    void shouldDropExpiredLinksWhenOpened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("used-links");
        AckLink shortLived = link(1, NOW.plusSeconds(60));
        AckLink longLived = link(2, NOW.plusSeconds(3600));
        try (UsedLinks used = UsedLinks.open(file, NOW)) {
            for (AckLink link : new AckLink[] {shortLived, longLived}) {
                used.claim(link);
                used.record(link, NOW);
            }
        }
        try (UsedLinks reopened = UsedLinks.open(file, NOW.plusSeconds(120))) {
            assertEquals(Optional.empty(), reopened.usedAt(shortLived));
            assertEquals(Optional.of(NOW), reopened.usedAt(longLived));
        }
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void shouldIgnoreATornLastLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("used-links");
        AckLink link = link(1, NOW.plusSeconds(3600));
        try (UsedLinks used = UsedLinks.open(file, NOW)) {
            used.claim(link);
            used.record(link, NOW);
        }
        Files.writeString(file, "0a0b0c 17", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        try (UsedLinks reopened = UsedLinks.open(file, NOW)) {
            assertEquals(Optional.of(NOW), reopened.usedAt(link));
        }
    }

    @Test
    void shouldLetOneRequestAtATimeClaimALink(@TempDir Path dir) throws Exception {
        AckLink link = link(1, NOW.plusSeconds(3600));
        try (UsedLinks used = UsedLinks.open(dir.resolve("used-links"), NOW)) {
            assertTrue(used.claim(link));
            assertFalse(used.claim(link));
            used.release(link);
            assertTrue(used.claim(link));
        }
    }
}
