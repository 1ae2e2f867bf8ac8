package io.aegis.node.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aegis.node.fuzz.BodySchema.Field;
import io.aegis.node.fuzz.BodySchema.Objects;
import io.aegis.node.fuzz.BodySchema.Strings;
import io.aegis.node.fuzz.BodySchema.Symbol;
import io.aegis.node.fuzz.BodySchema.Text;
import io.aegis.node.fuzz.BodySchema.Timestamp;
import io.aegis.node.fuzz.BodySchema.Whole;
import io.aegis.schema.common.Category;
import io.aegis.schema.common.IndicatorType;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.ActionType;
import io.aegis.schema.response.VoteChoice;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request bodies of the node's JSON routes, written from docs/api.md (not from the node's parsers),
 * keyed by route ({@code METHOD /template}). The policy document, the batch envelope and the STIX documents
 * (a bundle to import, a TAXII envelope to post) have their own generators ({@link PolicyFuzz},
 * {@link BatchFuzz}, {@link StixFuzz}).
 */
public final class Contract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TLP = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");
    static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    static final Text COUNTRY = new Text(2, Pattern.compile("[A-Z]{2}"), List.of("XX", "ZZ", "QQ", "AA", "EU", "UK"));

    static final String SIGNALS = "POST /api/v1/signals";
    static final String BATCH = "POST /api/v1/signals/batch";
    static final String POLICY = "PUT /api/v1/policy";
    static final String STIX_BUNDLES = "POST /api/v1/stix/bundles";
    static final String TAXII_OBJECTS = "POST /taxii2/aegis/collections/{id}/objects"; // (as the Router spells it)
    /** Routes whose bodies have their own generator rather than a schema here. */
    static final Set<String> OWN_GENERATOR = Set.of(BATCH, POLICY, STIX_BUNDLES, TAXII_OBJECTS);

    private Contract() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    static final BodySchema SIGNAL = new BodySchema("signal", List.of(
            new Field("category", new Symbol(names(Category.class)), true),
            new Field("title", new Text(200), true),
            new Field("description", new Text(10_000), false),
            new Field("severity", new Whole(1, 5), true),
            new Field("confidence", new Whole(0, 100), true),
            new Field("tlp", new Symbol(TLP), true),
            new Field("observedAt", new Timestamp(), true),
            new Field("sectors", new Strings(13, new Symbol(names(Sector.class)), "FINANCE"), false),
            new Field("atlasTechniques", new Strings(50, new Text(20, Pattern.compile("AML\\.T\\d{4}(\\.\\d{3})?"), List.of()),
                    "AML.T0048"), false),
            new Field("affectedSystems", new Objects(50, List.of(new Field("provider", new Text(200), true),
                    new Field("model", new Text(200), true), new Field("version", new Text(100), false)),
                    json("{\"provider\": \"ExampleAI\", \"model\": \"voice-x\", \"version\": \"2.1\"}"), List.of()), false),
            new Field("indicators", new Objects(500, List.of(new Field("type", new Symbol(names(IndicatorType.class)), true),
                    new Field("value", new Text(4000), true)), json("{\"type\": \"DOMAIN\", \"value\": \"fraud.example\"}"),
                    List.of(json("{\"type\": \"SHA256\", \"value\": \"9f86\"}"), json("{\"type\": \"IPV4\", \"value\": \"999.1.1.1\"}"),
                            json("{\"type\": \"EMAIL\", \"value\": \"fraud.example\"}"),
                            json("{\"type\": \"URL\", \"value\": \"javascript:alert(1)\"}"),
                            json("{\"type\": \"DOMAIN\", \"value\": \"fraud example\"}"), json("{\"type\": \"MD5\", \"value\": \"abc\"}"),
                            json("{\"type\": \"IPV6\", \"value\": \"::g\"}"), json("{\"type\": \"WALLET_ADDRESS\", \"value\": \"short\"}"),
                            json("{\"type\": \"CONTENT_HASH\", \"value\": \"sha256\"}"),
                            json("{\"type\": \"MODEL_FINGERPRINT\", \"value\": \"a b\"}"),
                            json("{\"type\": \"WATERMARK_ID\", \"value\": \"<script>\"}"))), false),
            new Field("recipients", new Strings(250, COUNTRY, "DE"), false),
            new Field("campaignId", new Text(200), false)),
            json("""
                    {"category": "DEEPFAKE_FRAUD", "title": "Voice-clone fraud campaign against bank call centres",
                     "description": "free text", "severity": 4, "confidence": 80, "tlp": "AMBER",
                     "observedAt": "2026-11-20T10:00:00Z", "sectors": ["FINANCE"], "atlasTechniques": ["AML.T0048"],
                     "affectedSystems": [{"provider": "ExampleAI", "model": "voice-x", "version": "2.1"}],
                     "indicators": [{"type": "DOMAIN", "value": "fraud.example"},
                                    {"type": "SHA256", "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
                     "recipients": ["DE", "JP"], "campaignId": "campaign-1"}"""), false);

    /** A user name as docs/api.md gives its rule; {@code invalid} adds names the pattern alone would let through. */
    static final Text USER_NAME = new Text(64, Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}"), List.of("Ada", "-ada", "ada ada"));
    static final Symbol ROLE = new Symbol(List.of("PUBLISHER", "DUTY_OFFICER", "OPERATOR", "ADMIN"));
    /**
     * A new password: 12 to 72 characters (at most 72 bytes, not the user name). Any text may be one, so
     * the fuzzer breaks it only by blanking it or making it too long: "not valid …" could well be valid.
     */
    static final Text PASSWORD = new Text(72);
    static final String LOGIN = "POST /login";
    /** Sign-out changes nothing on the node (it clears the caller's cookie): a valid one may be sent. */
    static final String LOGOUT = "POST /logout";
    static final Set<String> HARMLESS_WRITES = Set.of(LOGOUT);
    /**
     * The answer of a request without defect where it is not 200: sign-in with the identity provider sends
     * the browser there (302), and its callback without the browser's pending sign-in is refused (400).
     */
    static final Map<String, Integer> VALID_STATUS = Map.of("/oauth/login", 302, "/oauth/callback", 400);

    /** The JSON bodies by route; every route with a body must be here or have its own generator. */
    static final Map<String, BodySchema> BODIES = Map.ofEntries(
            Map.entry(SIGNALS, SIGNAL),
            Map.entry("POST /api/v1/signals/{id}/retract", new BodySchema("retract", List.of(new Field("reason", new Text(2000), true)),
                    json("{\"reason\": \"sent in error\"}"), false)),
            Map.entry("POST /api/v1/signals/{id}/downgrade", new BodySchema("downgrade", List.of(new Field("reason", new Text(2000), true),
                    new Field("tlp", new Symbol(TLP), false), new Field("recipients", new Strings(250, COUNTRY, "DE"), false)),
                    json("{\"reason\": \"narrower\", \"tlp\": \"RED\", \"recipients\": [\"DE\"]}"), false)),
            Map.entry("POST /api/v1/cases/{id}/ack", new BodySchema("ack", List.of(new Field("comment", new Text(4000), false)),
                    json("{\"comment\": \"on it\"}"), true)),
            Map.entry("POST /api/v1/cases/{id}/votes", new BodySchema("vote", List.of(
                    new Field("actionId", new Text(100, CASE_ID, List.of()), true),
                    new Field("choice", new Symbol(names(VoteChoice.class)), true)),
                    json("{\"actionId\": \"case-1:action-1\", \"choice\": \"YES\"}"), false)),
            Map.entry("POST /api/v1/cases/{id}/actions", new BodySchema("action", List.of(
                    new Field("actionType", new Symbol(names(ActionType.class).stream().filter(a -> !a.equals("LOWER_TIER")).toList()), true),
                    new Field("description", new Text(4000), false),
                    new Field("targetTier", new Symbol(names(Tier.class)), false)),
                    json("{\"actionType\": \"HALT_DEPLOYMENT\", \"description\": \"stop it\"}"), false)),
            Map.entry("POST /api/v1/cases/{id}/resolve", new BodySchema("resolve", List.of(new Field("resolution", new Text(4000), true)),
                    json("{\"resolution\": \"contained\"}"), false)),
            Map.entry("POST /api/v1/cases/{id}/comments", new BodySchema("comment", List.of(new Field("text", new Text(4000), true)),
                    json("{\"text\": \"report filed\"}"), false)),
            // sign-in: both fields are required strings; a wrong password is a 401, not a field rule
            Map.entry(LOGIN, new BodySchema("login", List.of(new Field("username", new Text(1000), true),
                    new Field("password", new Text(1000), true)),
                    json("{\"username\": \"nobody-fuzzed\", \"password\": \"not anyone's password\"}"), false)),
            Map.entry("POST /api/v1/users", new BodySchema("user", List.of(new Field("name", USER_NAME, true),
                    new Field("roles", new Strings(4, ROLE, "DUTY_OFFICER"), true), new Field("password", PASSWORD, true)),
                    json("{\"name\": \"fuzzed-user\", \"roles\": [\"DUTY_OFFICER\"], \"password\": \"a long enough password\"}"), false)),
            Map.entry("POST /api/v1/users/{name}/disable", new BodySchema("disable", List.of(new Field("reason", new Text(500), false)),
                    json("{\"reason\": \"left the agency\"}"), true)),
            Map.entry("POST /api/v1/users/{name}/enable", new BodySchema("enable", List.of(new Field("reason", new Text(500), false)),
                    json("{\"reason\": \"back on duty\"}"), true)),
            Map.entry("POST /api/v1/users/{name}/password", new BodySchema("password", List.of(new Field("password", PASSWORD, true)),
                    json("{\"password\": \"a long enough password\"}"), false)));
}
