package io.aegis.devstack.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --name value} and {@code --flag} command options, naming any it does not know. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(List<String> args, List<String> withValue, List<String> flags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (flags.contains(arg)) {
                parsed.put(arg, "true");
            } else if (withValue.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                parsed.put(arg, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'; allowed: " + withValue + " " + flags);
            }
        }
        return parsed;
    }
}
