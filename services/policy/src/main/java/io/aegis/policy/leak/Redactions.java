package io.aegis.policy.leak;

import io.aegis.schema.common.Indicator;
import io.aegis.schema.signal.SignalContent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The leak checker's own look at a copy's content, apart from the router's redactor: which of the
 * fields that must be gone are still there, and whether the copy carries anything the original
 * did not (a copy may only lose fields, never gain or change them).
 */
final class Redactions {

    private Redactions() {
    }

    static List<String> stillPresent(SignalContent copy, Collection<String> paths) {
        List<String> present = new ArrayList<>();
        for (String path : paths) {
            if (present(copy, path)) {
                present.add(path);
            }
        }
        return present;
    }

    private static boolean present(SignalContent copy, String path) {
        return switch (path) {
            case "title" -> !copy.getTitle().isEmpty();
            case "description" -> copy.getDescription() != null;
            case "indicators" -> !copy.getIndicators().isEmpty();
            case "affectedSystems" -> !copy.getAffectedSystems().isEmpty();
            case "atlasTechniques" -> !copy.getAtlasTechniques().isEmpty();
            case "campaignId" -> copy.getCampaignId() != null;
            case "recipients" -> !copy.getRecipients().isEmpty();
            default -> path.startsWith("indicators[type=") && copy.getIndicators().stream()
                    .anyMatch(i -> path.equals("indicators[type=" + i.getType().name() + "]"));
        };
    }

    static Optional<String> beyondOriginal(SignalContent copy, SignalContent original) {
        List<Indicator> extra = copy.getIndicators().stream().filter(i -> !original.getIndicators().contains(i)).toList();
        if (!extra.isEmpty()) {
            return Optional.of("copy carries indicators the origin never published: " + extra);
        }
        boolean changed = !copy.getTitle().isEmpty() && !copy.getTitle().equals(original.getTitle())
                || copy.getDescription() != null && !copy.getDescription().equals(original.getDescription())
                || copy.getCategory() != original.getCategory() || copy.getSeverity() != original.getSeverity();
        return changed ? Optional.of("copy's content differs from the signal the origin published") : Optional.empty();
    }
}
