package io.aegis.node.taxii;

import io.aegis.node.security.Roles;
import io.aegis.node.topology.StoreNames;
import io.micronaut.security.authentication.Authentication;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The node's TAXII collections, told apart by alias: {@code inbox} (what this country received; read
 * by duty officers and operators, never writable) and {@code outbox} (this country's own signals;
 * read by its publishers and operators, written by publishers). Ids are name-based on the country
 * and alias, so they stay the same across restarts and differ between nodes.
 */
public enum TaxiiCollection {

    INBOX("inbox", "Signals shared with this country, as the inbox API serves them (redaction and attribution "
            + "applied; withheld signals absent)", StoreNames.STIX_INBOX, StoreNames.STIX_INBOX_INDEX,
            Set.of(Roles.DUTY_OFFICER, Roles.OPERATOR), Set.of()),
    OUTBOX("outbox", "This country's own signals; POST objects to publish them", StoreNames.STIX_OUTBOX, StoreNames.STIX_OUTBOX_INDEX,
            Set.of(Roles.PUBLISHER, Roles.OPERATOR), Set.of(Roles.PUBLISHER));

    private final String alias;
    private final String description;
    private final String store;
    private final String index;
    private final Set<String> readers;
    private final Set<String> writers;

    TaxiiCollection(String alias, String description, String store, String index, Set<String> readers, Set<String> writers) {
        this.alias = alias;
        this.description = description;
        this.store = store;
        this.index = index;
        this.readers = readers;
        this.writers = writers;
    }

    public String alias() {
        return alias;
    }

    public String store() {
        return store;
    }

    /** signal id → the signal's cursor in {@link #store()}. */
    public String index() {
        return index;
    }

    public String id(String country) {
        return UUID.nameUUIDFromBytes(("aegis-taxii-collection/" + country + "/" + alias).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean canRead(Authentication user) {
        return user.getRoles().stream().anyMatch(readers::contains);
    }

    public boolean canWrite(Authentication user) {
        return user.getRoles().stream().anyMatch(writers::contains);
    }

    /** The collection with this id (or alias) on the node of {@code country}. */
    public static Optional<TaxiiCollection> find(String country, String idOrAlias) {
        return List.of(values()).stream().filter(c -> c.id(country).equals(idOrAlias) || c.alias.equals(idOrAlias)).findFirst();
    }

    /** The TAXII collection resource as {@code user} sees it. */
    public Map<String, Object> resource(String country, Authentication user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id(country));
        json.put("title", "Aegis " + country + " " + alias);
        json.put("description", description);
        json.put("alias", alias);
        json.put("can_read", canRead(user));
        json.put("can_write", canWrite(user));
        json.put("media_types", List.of(TaxiiMedia.STIX));
        return json;
    }
}
