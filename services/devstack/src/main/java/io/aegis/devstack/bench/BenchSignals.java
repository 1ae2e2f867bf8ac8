package io.aegis.devstack.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signals of the latency benchmark. Background signals (category and sector OTHER, severity 2)
 * correlate only among themselves and can reach ELEVATED at most, so they never open a case. Each
 * probe opens exactly one new case: its category × sector pair is used by no other signal of the
 * run, so it founds its own correlation group, which either starts at SEVERE by category floor
 * (CBRN uplift, loss of control: one signal from one country) or reaches SEVERE when the third of
 * three countries reports it at severity 4 (every other category, outside the sectors that the
 * demo policies restrict between the reporters).
 */
public final class BenchSignals {

    /** One probe: signals posted untimed first, then the timed one, watched on {@code watchCountry}'s officer stream. */
    public record Probe(String name, List<Posted> preparation, Posted timed, String watchCountry) {
    }

    /** A signal and the node it is posted at. */
    public record Posted(String country, Map<String, Object> signal) {
    }

    private static final List<String> FLOORED = List.of("CBRN_UPLIFT", "LOSS_OF_CONTROL");
    private static final List<String> CATEGORIES = List.of("MODEL_MISUSE", "DEEPFAKE_FRAUD", "DISINFORMATION_CAMPAIGN",
            "JAILBREAK_TOOLKIT", "PROMPT_INJECTION", "DATA_POISONING", "MODEL_THEFT", "PRIVACY_LEAKAGE",
            "AI_ENABLED_CYBERATTACK", "CRITICAL_INFRASTRUCTURE_ATTACK", "SUPPLY_CHAIN_COMPROMISE", "OTHER");
    private static final List<String> SECTORS = List.of("ENERGY", "TRANSPORT", "FINANCE", "TELECOM", "HEALTH", "WATER",
            "GOVERNMENT", "ELECTIONS", "EDUCATION", "MEDIA", "DEFENCE", "MANUFACTURING", "OTHER");

    /** Sectors some demo policies deny or restrict between the reporters; probes keep clear of them. */
    private static final List<String> POLICY_BOUND = List.of("DEFENCE", "ELECTIONS");

    private final String run;

    public BenchSignals(String run) {
        this.run = run;
    }

    /** Background signal number {@code n}: GREEN, severity 2, OTHER/OTHER, its own indicator. */
    public Map<String, Object> background(long n) {
        return signal("OTHER", "OTHER", 2, "bg-" + run + "-" + n, null);
    }

    /**
     * Every probe this run can make with {@code countries} (the first three are the reporters): single-signal
     * probes first, then three-country ones; the pair OTHER/OTHER is the background's and never probed.
     */
    public List<Probe> probes(List<String> countries) {
        if (countries.size() < 3) {
            throw new IllegalArgumentException("the benchmark needs three nodes, got " + countries);
        }
        List<Probe> probes = new ArrayList<>();
        for (String category : FLOORED) {
            for (String sector : SECTORS) {
                String id = category + "/" + sector;
                probes.add(new Probe("single " + id, List.of(),
                        new Posted(countries.get(0), signal(category, sector, 3, key(id), key(id))), countries.get(0)));
            }
        }
        for (String category : CATEGORIES) {
            for (String sector : SECTORS) {
                if (category.equals("OTHER") && sector.equals("OTHER") || POLICY_BOUND.contains(sector)) {
                    continue;
                }
                String id = category + "/" + sector;
                probes.add(new Probe("three-country " + id,
                        List.of(new Posted(countries.get(0), signal(category, sector, 4, key(id), key(id))),
                                new Posted(countries.get(1), signal(category, sector, 4, key(id), key(id)))),
                        new Posted(countries.get(2), signal(category, sector, 4, key(id), key(id))), countries.get(2)));
            }
        }
        return probes;
    }

    private String key(String id) {
        return "probe-" + run + "-" + id.toLowerCase(java.util.Locale.ROOT).replace('/', '-').replace('_', '-');
    }

    private static Map<String, Object> signal(String category, String sector, int severity, String token, String campaign) {
        Map<String, Object> signal = new LinkedHashMap<>();
        signal.put("category", category);
        signal.put("title", "Latency benchmark signal " + token);
        signal.put("severity", severity);
        signal.put("confidence", 50);
        signal.put("tlp", "GREEN");
        signal.put("observedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString());
        signal.put("sectors", List.of(sector));
        signal.put("indicators", List.of(Map.of("type", "DOMAIN", "value", token + ".example")));
        if (campaign != null) {
            signal.put("campaignId", campaign);
        }
        return signal;
    }
}
