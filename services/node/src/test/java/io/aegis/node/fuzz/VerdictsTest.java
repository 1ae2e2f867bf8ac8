package io.aegis.node.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictsTest {

    static FuzzRequest read(String target, List<String> defects, Set<Integer> exact) {
        return new FuzzRequest("GET " + target, "t", "GET", target, List.of(), null, FuzzRequest.Transport.CLIENT, defects, exact,
                null, false);
    }

    static Sender.Reply reply(int status, String body) {
        return new Sender.Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAcceptAHealthProbesDownAnswer() {
        assertEquals(Optional.empty(), Verdicts.judge(read("/health/readiness", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")));
        assertEquals(Optional.empty(), Verdicts.judge(read("/health?x=1", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")));
    }

    @Test
    void shouldRefuseA503ThatIsNotAHealthReport() {
        assertTrue(Verdicts.judge(read("/health", List.of(), Set.of(200)), reply(503, "{\"error\":\"x\"}")).isPresent());
        assertTrue(Verdicts.judge(read("/health", List.of(), Set.of(200)), reply(503, "<html>")).isPresent());
        assertTrue(Verdicts.judge(read("/api/v1/inbox", List.of(), Set.of(200)), reply(503, "{\"status\":\"DOWN\"}")).isPresent());
        // an invalid probe (a selector that is none) is due a 400, not a health report
        assertTrue(Verdicts.judge(read("/health/nope", List.of("selector"), Set.of(400)), reply(503, "{\"status\":\"DOWN\"}")).isPresent());
    }

    static Sender.Reply taxii(int status, String body) {
        return new Sender.Reply(status, "application/taxii+json;version=2.1", body.getBytes(StandardCharsets.UTF_8));
    }

    static final String COLLECTION = "/taxii2/aegis/collections/inbox/";

    @Test
    void shouldAcceptATaxiiErrorResourceUnderTaxii() {
        assertEquals(Optional.empty(), Verdicts.judge(read(COLLECTION, List.of("unknown id"), Set.of(404)),
                taxii(404, "{\"title\":\"no collection x\",\"http_status\":\"404\"}")));
        assertEquals(Optional.empty(), Verdicts.judge(read(COLLECTION + "objects/?limit=0", List.of("invalid limit"), Set.of(400)),
                new Sender.Reply(400, "Application/TAXII+JSON; version=2.1", ("{\"title\":\"bad\",\"http_status\":\"400\","
                        + "\"description\":\"limit: must be 1..1000\",\"details\":{\"violations\":[]}}").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldRefuseTheNodeErrorShapeUnderTaxii() {
        // why: TAXII clients parse the TAXII error resource; the node API's shape is not one
        assertTrue(Verdicts.judge(read(COLLECTION, List.of("unknown id"), Set.of(404)),
                reply(404, "{\"error\":\"no collection\",\"violations\":[]}")).isPresent());
        assertTrue(Verdicts.judge(read(COLLECTION, List.of("unknown id"), Set.of(404)),
                taxii(404, "{\"error\":\"no collection\",\"violations\":[]}")).isPresent());
    }

    @Test
    void shouldRefuseATaxiiErrorResourceThatBreaksItsRules() {
        FuzzRequest request = read(COLLECTION, List.of("unknown id"), Set.of(404));
        assertTrue(Verdicts.judge(request, reply(404, "{\"title\":\"x\",\"http_status\":\"404\"}")).isPresent(), "media type");
        assertTrue(Verdicts.judge(request, new Sender.Reply(404, "application/taxii+json;version=2.0",
                "{\"title\":\"x\",\"http_status\":\"404\"}".getBytes(StandardCharsets.UTF_8))).isPresent(), "version");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":\" \",\"http_status\":\"404\"}")).isPresent(), "blank title");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":7,\"http_status\":\"404\"}")).isPresent(), "title not text");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":\"x\",\"http_status\":404}")).isPresent(), "status not a string");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":\"x\",\"http_status\":\"400\"}")).isPresent(), "other status");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":\"x\"}")).isPresent(), "no status");
        assertTrue(Verdicts.judge(request, taxii(404, "{\"title\":\"x\",\"http_status\":\"404\",\"error\":\"x\"}")).isPresent(),
                "key outside the resource");
        assertTrue(Verdicts.judge(request, taxii(404, "[\"x\"]")).isPresent(), "not an object");
        assertTrue(Verdicts.judge(request, taxii(404, "<html>")).isPresent(), "not JSON");
    }

    @Test
    void shouldRefuseATaxiiReadAnsweredInAnotherMediaType() {
        assertTrue(Verdicts.judge(read(COLLECTION, List.of(), Set.of(200)), reply(200, "{}")).isPresent());
        assertEquals(Optional.empty(), Verdicts.judge(read(COLLECTION, List.of(), Set.of(200)), taxii(200, "{}")));
    }

    @Test
    void shouldAcceptA202ToAnInvalidTaxiiPostOnlyWhenNothingSucceeded() {
        // why: a TAXII POST answers an envelope of invalid objects 202 with a status; only one that lists them all as failures
        FuzzRequest post = new FuzzRequest("POST x", "body", "POST", COLLECTION.replace("inbox", "outbox") + "objects/", List.of(), new byte[0],
                FuzzRequest.Transport.CLIENT, List.of("invalid STIX document"), Set.of(202), null, false);
        assertEquals(Optional.empty(), Verdicts.judge(post, taxii(202, "{\"id\":\"s\",\"total_count\":1,\"success_count\":0,"
                + "\"failure_count\":1,\"failures\":[{\"id\":\"objects[0]\"}],\"pending_count\":0}")));
        assertTrue(Verdicts.judge(post, taxii(202, "{\"id\":\"s\",\"total_count\":2,\"success_count\":1,"
                + "\"failure_count\":1,\"failures\":[{\"id\":\"objects[0]\"}],\"pending_count\":0}")).isPresent());
        assertTrue(Verdicts.judge(post, taxii(202, "{\"id\":\"s\",\"total_count\":1,\"success_count\":0,"
                + "\"failure_count\":0,\"failures\":[],\"pending_count\":1}")).isPresent());
        assertTrue(Verdicts.judge(post, taxii(202, "{}")).isPresent());
    }

    static FuzzRequest importing(String category, FuzzRequest.Transport transport, String target) {
        return new FuzzRequest("POST x", category, "POST", target, List.of(), new byte[0], transport,
                List.of("invalid"), Set.of(), null, false);
    }

    @Test
    void shouldAcceptTheImportAnswerThatRefusesEveryObject() {
        FuzzRequest post = importing("body", FuzzRequest.Transport.CLIENT, Verdicts.STIX_IMPORT);
        assertEquals(Optional.empty(), Verdicts.judge(post, reply(422, "{\"accepted\":0,\"rejected\":1,\"results\":[{\"object\":"
                + "\"document\",\"status\":422,\"error\":\"STIX object could not be mapped\",\"violations\":[{\"field\":"
                + "\"document.objects\",\"message\":\"required\"}]}],\"ignored\":[]}")));
        assertEquals(Optional.empty(), Verdicts.judge(post, reply(422, "{\"error\":\"no signal\",\"violations\":[]}")));
        assertTrue(Verdicts.judge(post, reply(422, "{\"accepted\":1,\"rejected\":1,\"results\":[{\"object\":\"a\",\"status\":202,"
                + "\"error\":\"x\"}],\"ignored\":[]}")).isPresent(), "a success");
        assertTrue(Verdicts.judge(post, reply(422, "{\"accepted\":0,\"rejected\":2,\"results\":[{\"object\":\"a\",\"status\":422,"
                + "\"error\":\"x\"}],\"ignored\":[]}")).isPresent(), "a result missing");
        assertTrue(Verdicts.judge(post, reply(422, "{\"accepted\":0,\"rejected\":1,\"results\":[{\"object\":\"a\",\"status\":422,"
                + "\"error\":\"x\"}]}")).isPresent(), "the ignored objects unsaid");
        assertTrue(Verdicts.judge(importing("body", FuzzRequest.Transport.CLIENT, "/api/v1/signals/batch"), reply(422,
                "{\"accepted\":0,\"rejected\":1,\"results\":[{\"object\":\"a\",\"status\":422,\"error\":\"x\"}]}")).isPresent(),
                "only the import answers so");
    }

    @Test
    void shouldAcceptEitherErrorShapeOnlyForBytesThatNeverBecameATaxiiRequest() {
        // why: the framework refuses a malformed request line or header before any route or filter saw it
        Sender.Reply node = reply(400, "{\"error\":\"Bad Request\",\"violations\":[]}");
        assertEquals(Optional.empty(), Verdicts.judge(importing("raw", FuzzRequest.Transport.RAW, COLLECTION), node));
        assertEquals(Optional.empty(), Verdicts.judge(importing("auth+raw", FuzzRequest.Transport.RAW, COLLECTION),
                taxii(400, "{\"title\":\"Bad Request\",\"http_status\":\"400\"}")));
        assertTrue(Verdicts.judge(importing("raw", FuzzRequest.Transport.RAW, COLLECTION), reply(400, "{}")).isPresent());
        // a header only java.net.http would not send is no wire defect: the request reached the TAXII server
        assertTrue(Verdicts.judge(importing("auth", FuzzRequest.Transport.RAW, COLLECTION), node).isPresent());
    }
}
