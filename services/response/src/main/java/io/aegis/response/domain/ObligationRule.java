package io.aegis.response.domain;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Sector;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseOutcomeFlag;
import io.aegis.schema.response.EmergencyCase;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A regulatory clock started on every case it applies to, counted from the moment it starts to
 * apply (the case opens, its figures change, an officer records an outcome, or an obligated country
 * joins). A case is selected when every selector matches: its tier is at least {@code minTier}, and
 * each non-empty list shares a value with the case (any of). Selectors read the case's current
 * figures; once a clock runs on a case, countries that become obligated later get theirs whatever
 * the figures say by then, since the incident already qualified.
 *
 * @param id                         short id, unique; also the tag a REPORT comment starts with
 * @param description                what must be done, in words
 * @param due                        time allowed
 * @param dueSoon                    how long before the due time officers are reminded
 * @param minTier                    lowest case tier the rule applies to
 * @param categories                 the case has any of these categories; empty: any case
 * @param sectors                    the case touches any of these critical sectors; empty: any case
 * @param criticalInfrastructureOnly applies only to cases touching critical infrastructure (a critical
 *                                   sector, or a CRITICAL_INFRASTRUCTURE_ATTACK)
 * @param outcomes                   an officer recorded any of these outcomes on the case; empty: any case
 * @param obligated                  who must meet it: each reporting country its own clock, or the case as a whole
 * @param completion                 what meets the obligation
 */
public record ObligationRule(String id, String description, Duration due, Duration dueSoon, Tier minTier,
                             Set<Category> categories, Set<Sector> sectors, boolean criticalInfrastructureOnly,
                             Set<CaseOutcomeFlag> outcomes, Obligated obligated, Completion completion) {

    /** The sectors a case keeps as critical (the schema's Sector documentation); no other can be selected. */
    public static final Set<Sector> CRITICAL_SECTORS = Set.copyOf(EnumSet.of(
            Sector.ENERGY, Sector.TRANSPORT, Sector.FINANCE, Sector.TELECOM, Sector.HEALTH, Sector.WATER));

    /** Whose report meets an obligation. */
    public enum Obligated {
        /** Each reporting country of the case has its own clock, met only by its own report. */
        REPORTING_COUNTRIES,
        /** One clock for the case, met by its completion whoever brings it about. */
        INVOLVED_COUNTRIES
    }

    public ObligationRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(dueSoon, "dueSoon");
        Objects.requireNonNull(minTier, "minTier");
        Objects.requireNonNull(obligated, "obligated");
        Objects.requireNonNull(completion, "completion");
        categories = Set.copyOf(categories);
        sectors = Set.copyOf(sectors);
        outcomes = Set.copyOf(outcomes);
        if (!CRITICAL_SECTORS.containsAll(sectors)) {
            throw new IllegalArgumentException("obligations: rule '" + id + "': sectors: " + sectorRule());
        }
        if (obligated == Obligated.REPORTING_COUNTRIES && completion != Completion.REPORT) {
            throw new IllegalArgumentException("obligations: rule '" + id + "': obligated: " + perCountryRule(completion));
        }
    }

    /** A case-wide rule selected by tier and critical infrastructure only, as rules were before selectors. */
    public ObligationRule(String id, String description, Duration due, Duration dueSoon, Tier minTier,
                          boolean criticalInfrastructureOnly, Completion completion) {
        this(id, description, due, dueSoon, minTier, Set.of(), Set.of(), criticalInfrastructureOnly, Set.of(),
                defaultObligated(completion), completion);
    }

    /** Reports are filed by each reporting country; acknowledgement and resolution concern the case. */
    public static Obligated defaultObligated(Completion completion) {
        return completion == Completion.REPORT ? Obligated.REPORTING_COUNTRIES : Obligated.INVOLVED_COUNTRIES;
    }

    /** The rule broken by selecting a sector a case never keeps. */
    public static String sectorRule() {
        return "must list critical sectors only (" + CRITICAL_SECTORS.stream().sorted().toList()
                + "), the only ones a case keeps";
    }

    /** The rule broken by a per-country clock that no country's report could meet. */
    public static String perCountryRule(Completion completion) {
        return "REPORTING_COUNTRIES needs completion REPORT (each country meets its own clock with its report), got "
                + completion;
    }

    /** Whether every selector matches the case as it stands. */
    public boolean selects(EmergencyCase kase) {
        boolean critical = !kase.getCriticalSectors().isEmpty()
                || kase.getCategories().contains(Category.CRITICAL_INFRASTRUCTURE_ATTACK);
        return kase.getTier().compareTo(minTier) >= 0
                && (critical || !criticalInfrastructureOnly)
                && anyOf(categories, kase.getCategories())
                && anyOf(sectors, kase.getCriticalSectors())
                && anyOf(outcomes, kase.getOutcomes());
    }

    public boolean perCountry() {
        return obligated == Obligated.REPORTING_COUNTRIES;
    }

    private static <T> boolean anyOf(Set<T> wanted, Collection<T> present) {
        return wanted.isEmpty() || present.stream().anyMatch(wanted::contains);
    }
}
