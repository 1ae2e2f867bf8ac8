package io.aegis.escalation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.aegis.schema.common.Category;
import io.aegis.schema.common.Tier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

    private static final String ENERGY = "cat:CRITICAL_INFRASTRUCTURE_ATTACK|sector:ENERGY";
    private static final String FINANCE = "cat:CRITICAL_INFRASTRUCTURE_ATTACK|sector:FINANCE";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private InMemoryGroupStore store;
    private Correlator correlator;

    @BeforeEach
    void setUp() {
        store = new InMemoryGroupStore();
        correlator = new Correlator(store, List.of(Duration.ofHours(1), Duration.ofHours(24)), Duration.ofMinutes(1));
    }

    @Test
    void shouldFoundAGroupNamedByTheFirstKeyAndIndexEveryKey() {
        GroupState group = correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a"), 1000);

        assertThat(group.id()).isEqualTo("campaign:c1");
        assertThat(group.tier()).isEqualTo(Tier.NOTICE);
        assertThat(store.index).containsEntry("campaign:c1", new KeyLink("campaign:c1", 1000))
                .containsEntry("ioc:DOMAIN:a", new KeyLink("campaign:c1", 1000));
    }

    @Test
    void shouldJoinTheExistingGroupOfAnySharedKey() {
        // given: a group known by campaign c1 and indicator a
        store.save(correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a"), 1000));

        // when: a signal shares only the indicator
        GroupState group = correlator.join(List.of("campaign:other", "ioc:DOMAIN:a"), 2000);

        // then: it belongs to that group, which now also answers to the new campaign key
        assertThat(group.id()).isEqualTo("campaign:c1");
        assertThat(store.index).containsEntry("campaign:other", new KeyLink("campaign:c1", 2000))
                .containsEntry("ioc:DOMAIN:a", new KeyLink("campaign:c1", 2000));
        assertThat(store.keysOf("campaign:c1")).containsExactlyInAnyOrder("campaign:c1", "ioc:DOMAIN:a", "campaign:other");
    }

    @Test
    void shouldMergeBridgedGroupsIntoTheHighestTierOne() {
        // given: an older NOTICE group and a younger SEVERE group, each with one counted signal
        GroupState older = correlator.join(List.of("ioc:DOMAIN:a"), 1000);
        count(older, "s1", "FR", 1000);
        store.save(older);
        GroupState severe = correlator.join(List.of("ioc:DOMAIN:b"), 2000);
        count(severe, "s2", "DE", 2000);
        severe.raiseTo(Tier.SEVERE);
        store.save(severe);

        // when: a signal carries both keys
        GroupState merged = correlator.join(List.of("ioc:DOMAIN:a", "ioc:DOMAIN:b"), 3000);

        // then: the SEVERE group survives (so its downstream case continues) with everything of both
        assertThat(merged.id()).isEqualTo("ioc:DOMAIN:b");
        assertThat(merged.tier()).isEqualTo(Tier.SEVERE);
        assertThat(store.slots("ioc:DOMAIN:b", -1, Long.MAX_VALUE)).extracting(s -> s.tally().count()).containsExactly(2);
        assertThat(merged.window(Duration.ofHours(1)).byCategory().get(Category.MODEL_MISUSE).countries())
                .containsOnlyKeys("DE", "FR");
        assertThat(store.groups).doesNotContainKey("ioc:DOMAIN:a");
        assertThat(store.index).containsEntry("ioc:DOMAIN:a", new KeyLink("ioc:DOMAIN:b", 3000));
        assertThat(store.signals("ioc:DOMAIN:b", -1, Long.MAX_VALUE, 10)).extracting(Observation::signalId)
                .containsExactlyInAnyOrder("s1", "s2");
        assertThat(store.signals("ioc:DOMAIN:a", -1, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.slots).containsOnlyKeys("ioc:DOMAIN:b");
    }

    @Test
    void shouldPreferTheOlderGroupWhenTiersAreEqual() {
        store.save(correlator.join(List.of("ioc:DOMAIN:z"), 1000));
        store.save(correlator.join(List.of("ioc:DOMAIN:a"), 2000));

        assertThat(correlator.join(List.of("ioc:DOMAIN:a", "ioc:DOMAIN:z"), 3000).id()).isEqualTo("ioc:DOMAIN:z");
    }

    @Test
    void shouldStopLinkingByCategoryAndSectorOnceTheKeyIsOlderThanTheHorizon() {
        // given: two days ago, an escalated group known only by a category × sector key, and a campaign group
        GroupState old = correlator.join(List.of("cat:MODEL_THEFT|sector:MEDIA"), 0);
        old.raiseTo(Tier.SEVERE);
        store.save(old);
        store.save(correlator.join(List.of("campaign:c1"), 0));
        long twoDays = Duration.ofDays(2).toMillis();

        // when: an unrelated report of the same category and sector, then one of the same campaign
        GroupState unrelated = correlator.join(List.of("cat:MODEL_THEFT|sector:MEDIA"), twoDays);
        store.save(unrelated);
        GroupState sameCampaign = correlator.join(List.of("campaign:c1"), twoDays + 1);

        // then: the weak key starts a new group (its id stamped, as the old id is still kept);
        // the identity key still links to its group
        assertThat(unrelated.id()).isEqualTo("cat:MODEL_THEFT|sector:MEDIA@1970-01-03T00:00:00Z");
        assertThat(unrelated.tier()).isEqualTo(Tier.NOTICE);
        assertThat(sameCampaign.id()).isEqualTo("campaign:c1");
        assertThat(store.index).containsEntry("cat:MODEL_THEFT|sector:MEDIA", new KeyLink(unrelated.id(), twoDays));
    }

    @Test
    void shouldKeepLinkingByCategoryAndSectorWithinTheHorizon() {
        store.save(correlator.join(List.of("cat:MODEL_THEFT|sector:MEDIA"), 0));

        GroupState later = correlator.join(List.of("cat:MODEL_THEFT|sector:MEDIA"), Duration.ofHours(23).toMillis());

        assertThat(later.id()).isEqualTo("cat:MODEL_THEFT|sector:MEDIA");
    }

    @Test
    void shouldFoundASecondCampaignOfTheSameCategoryAndSectorAsItsOwnGroup() {
        // given: campaign c1 in ENERGY, with a counted signal
        GroupState first = correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a", ENERGY), 1000);
        count(first, "s1", "FR", 1000);
        store.save(first);

        // when: another campaign, disjoint indicators, same category and sector, an hour later
        GroupState second = correlator.join(List.of("campaign:c2", "ioc:DOMAIN:b", ENERGY), HOUR);

        // then: a second incident, not swallowed by the first; the weak key points at the newer one
        assertThat(second.id()).isEqualTo("campaign:c2");
        assertThat(store.groups).containsKey("campaign:c1");
        assertThat(store.signals("campaign:c1", -1, Long.MAX_VALUE, 10)).extracting(Observation::signalId)
                .containsExactly("s1");
        assertThat(store.index).containsEntry(ENERGY, new KeyLink("campaign:c2", HOUR))
                .containsEntry("ioc:DOMAIN:a", new KeyLink("campaign:c1", 1000));
    }

    @Test
    void shouldJoinTheFirstCampaignWhenALaterReportCarriesItsIndicator() {
        store.save(correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a", ENERGY), 1000));
        store.save(correlator.join(List.of("campaign:c2", "ioc:DOMAIN:b", ENERGY), 2000));

        // a report with only c1's indicator (no campaign), in the same category and sector
        GroupState joined = correlator.join(List.of("ioc:DOMAIN:a", ENERGY), 3000);

        assertThat(joined.id()).isEqualTo("campaign:c1");
        assertThat(store.groups).containsKeys("campaign:c1", "campaign:c2");
        assertThat(store.keysOf("campaign:c2")).contains("campaign:c2", "ioc:DOMAIN:b");
        assertThat(store.index).containsEntry(ENERGY, new KeyLink("campaign:c1", 3000));
    }

    @Test
    void shouldJoinACountOnlyReportToTheMostRecentGroupOfItsCategoryAndSector() {
        store.save(correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a", ENERGY), 1000));
        store.save(correlator.join(List.of("campaign:c2", "ioc:DOMAIN:b", ENERGY), 2000));

        GroupState countOnly = correlator.join(List.of(ENERGY), 3000);
        store.save(countOnly);
        store.save(correlator.join(List.of("ioc:DOMAIN:a", ENERGY), 4000));
        GroupState later = correlator.join(List.of(ENERGY), 5000);

        // likeness alone goes with the incident last seen in that category and sector
        assertThat(countOnly.id()).isEqualTo("campaign:c2");
        assertThat(later.id()).isEqualTo("campaign:c1");
        assertThat(store.groups).containsOnlyKeys("campaign:c1", "campaign:c2");
    }

    @Test
    void shouldNeverMergeTwoGroupsWithIdentityThroughCategoryAndSectorKeys() {
        // given: an escalated campaign in ENERGY and a younger one in FINANCE, same category
        GroupState energy = correlator.join(List.of("campaign:c1", ENERGY), 1000);
        energy.raiseTo(Tier.ELEVATED);
        store.save(energy);
        store.save(correlator.join(List.of("campaign:c2", FINANCE), 2000));

        // when: a count-only report touching both sectors, then a third campaign touching both
        GroupState countOnly = correlator.join(List.of(ENERGY, FINANCE), 3000);
        store.save(countOnly);
        GroupState third = correlator.join(List.of("campaign:c3", ENERGY, FINANCE), 4000);

        // then: the count-only report joins the survivor by tier and fuses nothing;
        // the third campaign is an incident of its own
        assertThat(countOnly.id()).isEqualTo("campaign:c1");
        assertThat(third.id()).isEqualTo("campaign:c3");
        assertThat(store.groups).containsKeys("campaign:c1", "campaign:c2");
        assertThat(store.keysOf("campaign:c2")).contains("campaign:c2");
        assertThat(store.keysOf("campaign:c1")).contains("campaign:c1").doesNotContain("campaign:c2");
    }

    @Test
    void shouldGiveAPureLikenessGroupTheIdentityOfTheFirstCampaignReportingLikeIt() {
        // given: count-only reports in ENERGY form a group without identity
        GroupState likeness = correlator.join(List.of(ENERGY), 1000);
        count(likeness, "s1", "FR", 1000);
        store.save(likeness);

        // when: a campaign reports in ENERGY, then another campaign does
        GroupState first = correlator.join(List.of("campaign:c1", ENERGY), 2000);
        store.save(first);
        GroupState second = correlator.join(List.of("campaign:c2", ENERGY), 3000);

        // then: the first joins the likeness group (now its incident); the second founds its own
        assertThat(first.id()).isEqualTo(ENERGY);
        assertThat(store.index).containsEntry("campaign:c1", new KeyLink(ENERGY, 2000));
        assertThat(second.id()).isEqualTo("campaign:c2");
    }

    @Test
    void shouldMergePureLikenessGroupsIntoTheGroupASignalsIdentityLinksTo() {
        // given: campaign c1 in ENERGY and count-only reports in FINANCE
        store.save(correlator.join(List.of("campaign:c1", ENERGY), 1000));
        GroupState likeness = correlator.join(List.of(FINANCE), 2000);
        count(likeness, "s1", "DE", 2000);
        store.save(likeness);

        // when: a report of campaign c1 in FINANCE
        GroupState merged = correlator.join(List.of("campaign:c1", FINANCE), 3000);

        // then: the likeness group is merged into c1's incident
        assertThat(merged.id()).isEqualTo("campaign:c1");
        assertThat(store.groups).doesNotContainKey(FINANCE);
        assertThat(store.signals("campaign:c1", -1, Long.MAX_VALUE, 10)).extracting(Observation::signalId)
                .containsExactly("s1");
    }

    @Test
    void shouldTreatASignalFallbackKeyAsWithoutIdentity() {
        store.save(correlator.join(List.of("signal:x"), 1000));

        // a redelivery finds its group again; the group has no identity to defend
        assertThat(correlator.join(List.of("signal:x"), 2000).id()).isEqualTo("signal:x");
        assertThat(correlator.existing(List.of("signal:y"), 2000)).isEmpty();
    }

    @Test
    void shouldForgetAGroupWithItsKeysAndSignals() {
        GroupState group = correlator.join(List.of("campaign:c1", "ioc:DOMAIN:a"), 1000);
        count(group, "s1", "FR", 1000);
        store.save(group);

        correlator.forget(group);

        assertThat(store.index).isEmpty();
        assertThat(store.keysByGroup).isEmpty();
        assertThat(store.groups).isEmpty();
        assertThat(store.slots).isEmpty();
        assertThat(store.signals).isEmpty();
    }

    /** Counts a signal in the group's slot 0 (as the engine does: slot, signal, and the window tallies). */
    private void count(GroupState group, String id, String country, long at) {
        Observation o = new Observation(id, country, Category.MODEL_MISUSE, Set.of(), 3, at, false);
        Slot slot = store.slot(group.id(), 0, Category.MODEL_MISUSE);
        Slot updated = slot == null ? Slot.empty(0, Category.MODEL_MISUSE) : slot;
        updated.tally().add(o);
        store.saveSlot(group.id(), updated);
        store.saveSignal(group.id(), 0, o);
        group.windows().values().forEach(w -> w.add(Category.MODEL_MISUSE, o));
    }
}
