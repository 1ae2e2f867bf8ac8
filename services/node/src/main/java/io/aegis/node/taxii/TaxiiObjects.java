package io.aegis.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The read resources of a collection: the objects envelope, one object's envelope, its versions, and
 * the manifest, each with {@code more}/{@code next} paging and the {@code X-TAXII-Date-Added-First}
 * and {@code -Last} headers. A collection keeps the current version of each object (a downgrade
 * supersedes the earlier copy, a retraction its content), so {@code match[version]} selects among
 * that one version; an object's version is its {@code modified}, else its {@code created}, else when
 * it was added.
 */
@Singleton
public class TaxiiObjects {

    public static final String DATE_ADDED_FIRST = "X-TAXII-Date-Added-First";
    public static final String DATE_ADDED_LAST = "X-TAXII-Date-Added-Last";
    private final CollectionReader reader;

    public TaxiiObjects(CollectionReader reader) {
        this.reader = reader;
    }

    /** The objects envelope; with {@code objectId} only that object, and 404 when the whole collection lacks it. */
    public MutableHttpResponse<Object> envelope(TaxiiCollection collection, TaxiiQuery query, String objectId) {
        CollectionReader.Page page = read(collection, query, objectId);
        ObjectNode body = head(page);
        ArrayNode objects = JsonNodeFactory.instance.arrayNode();
        page.objects().forEach(o -> objects.add(o.object()));
        if (!objects.isEmpty()) {
            body.set("objects", objects);
        }
        return respond(page, body);
    }

    public MutableHttpResponse<Object> versions(TaxiiCollection collection, TaxiiQuery query, String objectId) {
        CollectionReader.Page page = read(collection, query, objectId);
        ObjectNode body = head(page);
        ArrayNode versions = JsonNodeFactory.instance.arrayNode();
        page.objects().forEach(o -> versions.add(o.version()));
        if (!versions.isEmpty()) {
            body.set("versions", versions);
        }
        return respond(page, body);
    }

    public MutableHttpResponse<Object> manifest(TaxiiCollection collection, TaxiiQuery query) {
        CollectionReader.Page page = reader.read(collection, query, matcherOf(query, null));
        ObjectNode body = head(page);
        ArrayNode records = JsonNodeFactory.instance.arrayNode();
        for (CollectionReader.Added o : page.objects()) {
            ObjectNode record = records.addObject();
            record.put("id", o.object().path("id").asText());
            record.put("date_added", TaxiiMedia.timestamp(o.dateAdded()));
            record.put("version", o.version());
            record.put("media_type", TaxiiMedia.STIX);
        }
        if (!records.isEmpty()) {
            body.set("objects", records);
        }
        return respond(page, body);
    }

    private CollectionReader.Page read(TaxiiCollection collection, TaxiiQuery query, String objectId) {
        if (objectId != null && !query.ids().isEmpty()) {
            throw new TaxiiException(400, "match[id]: not allowed on an object's own resource");
        }
        CollectionReader.Page page = reader.read(collection, query, matcherOf(query, objectId));
        if (objectId != null && page.objects().isEmpty() && !page.more() && query.next() == null && query.addedAfter() == null) {
            throw new TaxiiException(404, "no object " + objectId + " in collection " + collection.alias());
        }
        return page;
    }

    /** The request's filters over an object and when it was added (the version of an object without timestamps). */
    static BiPredicate<ObjectNode, Instant> matcherOf(TaxiiQuery query, String objectId) {
        List<String> ids = objectId != null ? List.of(objectId) : query.ids();
        Predicate<JsonNode> match = o -> true;
        if (!ids.isEmpty()) {
            match = match.and(o -> ids.contains(o.path("id").asText()));
        }
        if (!query.types().isEmpty()) {
            match = match.and(o -> query.types().contains(o.path("type").asText()));
        }
        if (!query.specVersions().isEmpty()) {
            match = match.and(o -> query.specVersions().contains(o.path("spec_version").asText("2.1")));
        }
        List<Instant> exact = query.versions().stream().filter(v -> !List.of("first", "last", "all").contains(v))
                .map(Instant::parse).toList();
        Predicate<JsonNode> filters = match;
        if (!exact.isEmpty() && exact.size() == query.versions().size()) {
            return (o, added) -> filters.test(o) && exact.contains(Instant.parse(new CollectionReader.Added(added, o).version()));
        }
        return (o, added) -> filters.test(o);
    }

    private static ObjectNode head(CollectionReader.Page page) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("more", page.more());
        if (page.more()) {
            body.put("next", page.next());
        }
        return body;
    }

    private static MutableHttpResponse<Object> respond(CollectionReader.Page page, ObjectNode body) {
        MutableHttpResponse<Object> response = HttpResponse.ok((Object) body.toString()).contentType(TaxiiMedia.TAXII);
        if (!page.objects().isEmpty()) {
            response.header(DATE_ADDED_FIRST, TaxiiMedia.timestamp(page.objects().get(0).dateAdded()));
            response.header(DATE_ADDED_LAST, TaxiiMedia.timestamp(page.objects().get(page.objects().size() - 1).dateAdded()));
        }
        return response;
    }
}
