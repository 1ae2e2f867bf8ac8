package io.aegis.response.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a case is about, in words: the threat (its categories), the critical sectors it hits, how
 * many countries report it, then what fired (the reason and rules of the latest tier change). Case
 * titles and notification texts lead with it. It names no country and no signal, only counts and
 * aggregates, so every member taking part may read it; the figures come from the group's latest
 * escalation or group update and are kept on the case.
 */
final class CaseHeadline {

    static final int MAX_TITLE = 200;

    private CaseHeadline() {
    }

    /**
     * Keeps the group's current figures on the case, and the reason and rules of a tier change (a
     * group update fires no rule, so the last ones that fired stay), then rewrites the title from them.
     * Returns whether a figure changed.
     */
    static boolean keepFigures(EmergencyCase kase, Escalation escalation) {
        List<Object> before = figures(kase);
        kase.setCategories(new ArrayList<>(escalation.getCategories()));
        kase.setCriticalSectors(new ArrayList<>(escalation.getCriticalSectors()));
        kase.setMaxSeverity(escalation.getMaxSeverity());
        kase.setSignalCount(escalation.getSignalCount());
        kase.setWindow(escalation.getWindow());
        if (!escalation.getGroupUpdate()) {
            kase.setReason(escalation.getReason());
            kase.setRules(new ArrayList<>(escalation.getRules()));
        }
        kase.setTitle(title(kase));
        return !before.equals(figures(kase));
    }

    /** The threat, e.g. "Critical-infrastructure attack on ENERGY, 3 countries reporting". */
    static String threat(EmergencyCase kase) {
        StringBuilder threat = new StringBuilder(categories(kase.getCategories()));
        if (!kase.getCriticalSectors().isEmpty()) {
            threat.append(" on ").append(String.join(", ", kase.getCriticalSectors().stream().map(Sector::name).toList()));
        }
        int reporting = kase.getReportingCountries().size();
        if (reporting > 0) {
            threat.append(", ").append(reporting).append(reporting == 1 ? " country reporting" : " countries reporting");
        }
        return threat.toString();
    }

    /** What fired: the reason of the latest tier change and its rule ids. */
    static String fired(EmergencyCase kase) {
        String fired = kase.getReason().isBlank() ? "escalated" : kase.getReason();
        return kase.getRules().isEmpty() ? fired : fired + " (" + String.join(", ", kase.getRules()) + ")";
    }

    /** The threat, then what fired; at most {@link #MAX_TITLE} characters. */
    static String title(EmergencyCase kase) {
        String title = threat(kase) + ": " + fired(kase);
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 3) + "...";
    }

    /** Categories in words, e.g. "Deepfake fraud and model theft"; "AI threat" when none is known. */
    static String categories(List<Category> categories) {
        List<String> words = new ArrayList<>();
        for (Category category : categories) {
            String word = words(category);
            words.add(words.isEmpty() || Character.isUpperCase(word.charAt(1)) ? word
                    : Character.toLowerCase(word.charAt(0)) + word.substring(1));
        }
        if (words.isEmpty()) {
            return "AI threat";
        }
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** One category in words: its name read aloud, with acronyms and compounds written as usual. */
    static String words(Category category) {
        return switch (category) {
            case AI_ENABLED_CYBERATTACK -> "AI-enabled cyberattack";
            case CRITICAL_INFRASTRUCTURE_ATTACK -> "Critical-infrastructure attack";
            case CBRN_UPLIFT -> "CBRN uplift";
            case SUPPLY_CHAIN_COMPROMISE -> "Supply-chain compromise";
            case OTHER -> "Other AI threat";
            default -> {
                String name = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield Character.toUpperCase(name.charAt(0)) + name.substring(1);
            }
        };
    }

    private static List<Object> figures(EmergencyCase kase) {
        return List.of(List.copyOf(kase.getCategories()), List.copyOf(kase.getCriticalSectors()), kase.getMaxSeverity(),
                kase.getSignalCount(), kase.getWindow(), kase.getReason(), List.copyOf(kase.getRules()));
    }
}
