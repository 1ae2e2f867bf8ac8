package io.aegis.devstack.drill;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drill's signals: TLP GREEN, category and sector OTHER, severity 2, each with an indicator of
 * its own, so that the demo policies share it without any filter of category, sector or severity
 * coming into play. Invariant: the title carries the run, the phase and a token unique within the
 * run ({@code Fault drill <run> p<phase> <token>}), and title is a field no demo policy redacts, so
 * every delivered copy names the phase it was offered in and the signal it copies.
 */
public final class DrillSignals {

    private static final Pattern TITLE = Pattern.compile("Fault drill (\\S+) p(\\d+) (\\S+)");

    /** What a copy's title tells: the phase its signal was offered in and the signal's token. */
    public record Marker(int phase, String token) {
    }

    private final String run;

    public DrillSignals(String run) {
        if (!run.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("a drill run id is lower-case letters and digits, got '" + run + "'");
        }
        this.run = run;
    }

    public String run() {
        return run;
    }

    /** The token of signal {@code sequence} posted at {@code origin}: unique within the run. */
    public static String token(String origin, long sequence) {
        return origin + "-" + sequence;
    }

    /** The JSON body of one signal, as {@code POST /api/v1/signals} takes it. */
    public Map<String, Object> signal(int phase, String token) {
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("category", "OTHER");
        signal.put("title", title(phase, token));
        signal.put("severity", 2);
        signal.put("confidence", 50);
        signal.put("tlp", "GREEN");
        signal.put("observedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString());
        signal.put("sectors", List.of("OTHER"));
        signal.put("indicators", List.of(Map.of("type", "DOMAIN",
                "value", "drill-" + run + "-" + token.toLowerCase(java.util.Locale.ROOT) + ".example")));
        return signal;
    }

    String title(int phase, String token) {
        return "Fault drill " + run + " p" + phase + " " + token;
    }

    /** The marker in a copy's title, when it is a signal of this run; empty for anything else. */
    public Optional<Marker> marker(String title) {
        Matcher m = title == null ? null : TITLE.matcher(title);
        if (m == null || !m.matches() || !m.group(1).equals(run)) {
            return Optional.empty();
        }
        return Optional.of(new Marker(Integer.parseInt(m.group(2)), m.group(3)));
    }
}
