package io.aegis.devstack.mail;

import io.aegis.kafka.crypto.SecretHash;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The mailbox's configuration, from the YAML file the devstack writes for it (owner-only: it holds
 * the nodes' SMTP passwords, which the SMTP server must compare):
 * {@code micronaut.server.port} (the page), {@code aegis.mailbox.smtp-port},
 * {@code aegis.mailbox.senders.<login>} (each node's SMTP password) and
 * {@code aegis.mailbox.reader.username} / {@code .password-sha256} (who may read the page).
 *
 * @param httpPort          the page's port (loopback only)
 * @param smtpPort          the SMTP port (loopback only)
 * @param senders           SMTP login → password
 * @param reader            the page's user name
 * @param readerPasswordHash SHA-256 of the page's password
 */
public record MailboxConfig(int httpPort, int smtpPort, Map<String, String> senders, String reader,
                            byte[] readerPasswordHash) {

    public MailboxConfig {
        senders = Map.copyOf(senders);
    }

    /** Reads and checks the file; every problem names the key. */
    public static MailboxConfig read(Path file) throws IOException {
        Map<String, Object> root;
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            root = loaded instanceof Map<?, ?> map ? cast(map) : Map.of();
        }
        Map<String, Object> mailbox = section(file, root, "aegis", "mailbox");
        Map<String, String> senders = new LinkedHashMap<>();
        section(file, mailbox, "senders").forEach((login, password) -> senders.put(login, String.valueOf(password)));
        Map<String, Object> reader = section(file, mailbox, "reader");
        String hash = String.valueOf(reader.get("password-sha256"));
        return new MailboxConfig(port(file, section(file, root, "micronaut", "server").get("port"), "micronaut.server.port"),
                port(file, mailbox.get("smtp-port"), "aegis.mailbox.smtp-port"), senders,
                required(file, reader.get("username"), "aegis.mailbox.reader.username"),
                SecretHash.parse(hash).orElseThrow(() -> new IllegalArgumentException(file
                        + ": aegis.mailbox.reader.password-sha256 must be 64 hex characters (SHA-256 of the password)")));
    }

    private static Map<String, Object> section(Path file, Map<String, Object> parent, String... path) {
        Map<String, Object> current = parent;
        for (String key : path) {
            if (!(current.get(key) instanceof Map<?, ?> next)) {
                throw new IllegalArgumentException(file + ": missing section " + String.join(".", path));
            }
            current = cast(next);
        }
        return current;
    }

    private static int port(Path file, Object value, String key) {
        if (value instanceof Integer port && port > 0 && port < 65_536) {
            return port;
        }
        throw new IllegalArgumentException(file + ": " + key + " must be a port number (1..65535), got " + value);
    }

    private static String required(Path file, Object value, String key) {
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + " is required");
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
