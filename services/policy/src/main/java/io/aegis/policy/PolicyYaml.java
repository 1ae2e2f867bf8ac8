package io.aegis.policy;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads policy and member-list YAML (and JSON, a subset of it) safely. Plain scalars resolve only
 * to strings, integers and null: YAML 1.1 booleans would turn Norway's code {@code NO} into
 * {@code false}. Duplicate keys are refused, aliases and size are bounded.
 */
public final class PolicyYaml {

    private static final int MAX_CHARS = 1_000_000;

    private PolicyYaml() {
    }

    /** The document tree; a malformed text throws {@link MalformedDocumentException}. */
    public static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_CHARS);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new StringsResolver());
        try {
            return yaml.load(text);
        } catch (YAMLException e) {
            throw new MalformedDocumentException("not valid YAML or JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable document" : message.lines().findFirst().orElse(message);
    }

    /** Resolves only null and integers implicitly; everything else stays a string. */
    private static final class StringsResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
        }
    }
}
