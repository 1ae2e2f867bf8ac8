package io.aegis.node.paging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The acknowledgement links already used, kept in an append-only file of lines
 * {@code <link id hex> <expiresAt ms> <usedAt ms>}. Invariants: a use is on disk (fsynced) before
 * {@link #record} returns, so a restart never makes a used link usable again; a link is claimed
 * by one request at a time ({@link #claim}), so two concurrent uses of one link write one command;
 * entries of expired links are dropped when the file is opened (an expired link is refused anyway),
 * by rewriting it beside and moving it into place atomically. A torn last line (a crash while
 * appending, before the use was answered) is ignored. Thread-safe.
 */
final class UsedLinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UsedLinks.class);

    private record Use(Instant expiresAt, Instant usedAt) {
    }

    private final Map<String, Use> used = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final FileChannel file;

    private UsedLinks(Map<String, Use> kept, FileChannel file) {
        this.used.putAll(kept);
        this.file = file;
    }

    /** Opens (or creates) the file, dropping the entries of links expired by {@code now}. */
    static UsedLinks open(Path path, Instant now) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Map<String, Use> kept = read(path, now);
            Path fresh = parent.resolve(path.getFileName() + ".compacting");
            try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                for (Map.Entry<String, Use> entry : kept.entrySet()) {
                    write(out, entry.getKey(), entry.getValue());
                }
                out.force(true);
            }
            Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(parent);
            FileChannel append = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new UsedLinks(kept, append);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the used acknowledgement links file " + path, e);
        }
    }

    private static Map<String, Use> read(Path path, Instant now) throws IOException {
        Map<String, Use> kept = new HashMap<>();
        if (!Files.exists(path)) {
            return kept;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
        for (String line : lines) {
            String[] parts = line.trim().split(" ");
            try {
                if (parts.length != 3 || parts[0].length() != AckLink.ID_BYTES * 2) {
                    throw new IllegalArgumentException("not three fields");
                }
                Use use = new Use(Instant.ofEpochMilli(Long.parseLong(parts[1])), Instant.ofEpochMilli(Long.parseLong(parts[2])));
                if (use.expiresAt().isAfter(now)) {
                    kept.put(parts[0], use);
                }
            } catch (RuntimeException e) {
                LOG.warn("Ignoring an unreadable line of {} (a use cut short by a crash is never answered): {}", path, line);
            }
        }
        return kept;
    }

    private static void write(FileChannel out, String id, Use use) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((id + " " + use.expiresAt().toEpochMilli() + " " + use.usedAt().toEpochMilli() + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            out.write(line);
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems do not open directories; the rename is still atomic there
            LOG.debug("Could not sync directory {}: {}", directory, e.toString());
        }
    }

    /** When the link was used, if it was. */
    synchronized Optional<Instant> usedAt(AckLink link) {
        return Optional.ofNullable(used.get(link.id())).map(Use::usedAt);
    }

    /** Reserves the link for one request; false when it is used or another request holds it. */
    synchronized boolean claim(AckLink link) {
        return !used.containsKey(link.id()) && claimed.add(link.id());
    }

    /** Gives a claim back (the acknowledgement was not written). */
    synchronized void release(AckLink link) {
        claimed.remove(link.id());
    }

    /** Records a claimed link as used at {@code at}, on disk before returning. */
    synchronized void record(AckLink link, Instant at) throws IOException {
        Use use = new Use(link.expiresAt(), at);
        write(file, link.id(), use);
        file.force(false);
        used.put(link.id(), use);
        claimed.remove(link.id());
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
