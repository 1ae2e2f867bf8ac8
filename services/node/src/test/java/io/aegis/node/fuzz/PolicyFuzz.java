package io.aegis.node.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aegis.testsupport.fixtures.Policies;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sharing-policy documents for {@code PUT /api/v1/policy}: the ARCHITECTURE.md example for FR (valid),
 * and documents invalid by construction, as YAML or JSON: a broken top-level or rule field, recursive
 * aliases, alias bombs, a root that is not a mapping, malformed YAML, duplicate keys, tags, bytes that
 * are not UTF-8 (in a comment of an otherwise valid policy).
 */
public final class PolicyFuzz {

    private final Values v;

    public PolicyFuzz(Values values) {
        this.v = values;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> example() {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Policies.ARCHITECTURE_YAML);
    }

    /** A document and the content type it is sent as. */
    public record Document(String label, byte[] body, String contentType) {
    }

    /** The valid example as YAML or JSON, with a content type the route takes. */
    public Document valid() {
        return render("valid policy", example());
    }

    private Document render(String label, Map<String, Object> document) {
        if (v.random.nextBoolean()) {
            try {
                return new Document(label, Contract.JSON.writeValueAsBytes(document), v.oneOf(List.of("application/json",
                        "application/yaml")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(v.random.nextBoolean() ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.FLOW);
        return new Document(label, new Yaml(options).dump(document).getBytes(StandardCharsets.UTF_8),
                v.oneOf(List.of("application/yaml", "application/x-yaml", "text/yaml", "application/json")));
    }

    public Document invalid() {
        return switch (v.random.nextInt(12)) {
            case 0, 1, 2, 3 -> render("policy rule broken", brokenRule());
            case 4, 5 -> render("policy field broken", brokenTop());
            case 6 -> text("policy recursive alias", recursive());
            case 7 -> text("policy not a mapping", v.oneOf(List.of("- a\n- b\n", "just text", "42", "[1, 2]", "\"FR\"", " \n ")));
            case 8 -> text("policy malformed YAML", v.oneOf(List.of("country: [", "country: FR\n  bad: indent\n", "\t- x",
                    "{", "country: 'unterminated", "country: FR\ncountry: FR\n", "&a x: *b", "[".repeat(v.between(60, 5000)),
                    "@" + v.anyText(), "")));
            case 9 -> text("policy tags and aliases", v.oneOf(List.of("country: !!binary aGVsbG8=\n",
                    "country: !!java.lang.Object {}\n", "!!set {a, b}\n", "country: !!timestamp 2026-11-20\n",
                    aliasBomb(), "country: !!float 1.5\n", "? [a, b]\n: c\ncountry: FR\n")));
            case 10 -> new Document("policy not UTF-8", notUtf8(), "application/yaml");
            default -> render("policy too many rules", tooManyRules());
        };
    }

    private Document text(String label, String text) {
        return new Document(label, text.getBytes(StandardCharsets.UTF_8), v.oneOf(List.of("application/yaml", "text/yaml",
                "application/json")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> brokenRule() {
        Map<String, Object> doc = example();
        List<Object> rules = (List<Object>) doc.get("rules");
        int index = v.random.nextInt(rules.size());
        Map<String, Object> rule = new LinkedHashMap<>((Map<String, Object>) rules.get(index));
        String effect = String.valueOf(rule.get("effect"));
        switch (v.random.nextInt(17)) {
            case 0 -> rule.put("x-" + v.word(), v.word());
            case 1 -> rule.remove("effect");
            case 2 -> rule.put("effect", v.oneOf(List.of("PERMIT", "allow", "", "DENY ")));
            case 3 -> rule.put("to", List.of());
            case 4 -> rule.put("to", List.of(v.oneOf(List.of("XX", "ZZ", "de", "EU"))));
            case 5 -> rule.put("to", List.of("group:" + v.oneOf(List.of("nope", "Trusted", "", "a b"))));
            case 6 -> rule.put("to", List.of("FR"));
            case 7 -> rule.put("tlp", List.of(v.oneOf(List.of("PURPLE", "amber", "AMBER STRICT", ""))));
            case 8 -> rule.put("categories", List.of(v.oneOf(List.of("ALIENS", "deepfake_fraud", ""))));
            case 9 -> rule.put("sectors", List.of(v.oneOf(List.of("SPACE", "finance", ""))));
            case 10 -> rule.put(v.random.nextBoolean() ? "minSeverity" : "maxSeverity", v.oneOf(List.of(0, 6, -1, 99, "x", "3")));
            case 11 -> rule.put("id", v.oneOf(List.of("bad id!", "", "-lead", "x".repeat(65), "é")));
            case 12 -> rule.put("id", ((Map<String, Object>) rules.get((index + 1) % rules.size())).get("id"));
            case 13 -> rule.remove("id");
            case 14 -> rule.put("delay", effect.equals("DELAY") ? v.oneOf(List.of("P31D", "PT0S", "-PT1H", "abc", "1h"))
                    : "PT1H");
            case 15 -> rule.put("fields", List.of(effect.equals("REDACT") ? v.oneOf(List.of("nope", "indicators[type=NOPE]", ""))
                    : "title"));
            default -> rule.put("to", v.oneOf(List.of("*", 5, Map.of("a", "b"))));
        }
        List<Object> changed = new ArrayList<>(rules);
        changed.set(index, rule);
        doc.put("rules", changed);
        return doc;
    }

    private Map<String, Object> brokenTop() {
        Map<String, Object> doc = example();
        switch (v.random.nextInt(8)) {
            case 0 -> doc.put("x-" + v.word(), v.word());
            case 1 -> doc.put("country", v.oneOf(List.of("DE", "XX", "", "fr", List.of("FR"), Map.of("code", "FR"))));
            case 2 -> doc.remove("country");
            case 3 -> doc.put("version", v.oneOf(List.of("abc", 1.5, List.of(1)))); // (any integer: a hint the router overrides)
            case 4 -> doc.put("groups", v.oneOf(List.of("x", List.of("DE"), Map.of("trusted", List.of("XX")), Map.of("trusted", "DE"))));
            case 5 -> doc.put("rules", v.oneOf(List.of("x", Map.of("id", "a"), List.of("x"))));
            case 6 -> doc.put("coordination", v.oneOf(List.of("SOME", "hashed", "")));
            default -> doc.put("attribution", v.oneOf(List.of("NOBODY", "country", "")));
        }
        return doc;
    }

    /** A valid policy but for a field the parser reads, which holds an alias to a node containing it. */
    private String recursive() {
        String rest = "\nrules:\n  - id: share-green\n    effect: ALLOW\n    to: [\"*\"]\n";
        return v.oneOf(List.of("country: &a [[*a]]" + rest, "country: FR\nrules: &a [[*a]]\n",
                "country: FR\ngroups:\n  trusted: &a [[*a]]" + rest, "country: FR\nversion: &a [*a]" + rest,
                "country: FR\nrules:\n  - id: x\n    effect: ALLOW\n    to: &a [[*a]]\n",
                "country: FR\nrules:\n  - &a {id: [*a], effect: ALLOW, to: [\"*\"]}\n",
                "country: FR\ncoordination: &a [*a]" + rest, "country: FR\nrules:\n  - id: x\n    effect: &a {k: [*a]}\n    to: [\"*\"]\n"));
    }

    private static String aliasBomb() {
        return "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ncountry: FR\n";
    }

    /** The valid example, as YAML, with bytes that are not UTF-8 in a comment. */
    byte[] notUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("# policy ".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(v.invalidUtf8());
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new Yaml().dump(example()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> tooManyRules() {
        Map<String, Object> doc = example();
        List<Object> rules = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            rules.add(Map.of("id", "r" + i, "effect", "ALLOW", "to", List.of("DE"), "tlp", List.of("CLEAR")));
        }
        doc.put("rules", rules);
        return doc;
    }
}
