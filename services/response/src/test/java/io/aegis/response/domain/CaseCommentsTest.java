package io.aegis.response.domain;

import static io.aegis.response.domain.Fixtures.T0;
import static io.aegis.response.domain.Fixtures.comment;
import static io.aegis.response.domain.Fixtures.escalation;
import static io.aegis.response.domain.Fixtures.fact;
import static io.aegis.response.domain.Fixtures.kase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aegis.schema.common.Attribution;
import io.aegis.schema.common.Tier;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseComment;
import io.aegis.schema.response.EmergencyCase;
import io.aegis.schema.response.Escalation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Comments are kept on the case (the latest ones) and reach member copies in their country's name. */
class CaseCommentsTest {

    private final CaseWorkflow workflow = Fixtures.workflow();
    private EmergencyCase kase;
    private Instant clock = T0;

    private void apply(CaseCommand command) {
        clock = clock.plusSeconds(10);
        kase = workflow.onCommand(Optional.of(kase), command, command.getCountry(), clock).kase().orElse(kase);
    }

    @Test
    void shouldCarryACommentToEveryMemberCopyAndNameItsCountryAsOneThatActed() {
        // given a SEVERE case of FR and DE in which DE's report reached nobody else, and DE is anonymous
        Escalation escalation = escalation(Tier.SEVERE, null, "FR", "DE");
        escalation.setDisclosures(List.of(fact("sig-fr", "FR", Attribution.COUNTRY, "DE"),
                fact("sig-de", "DE", Attribution.ANONYMOUS)));
        kase = kase(workflow.onEscalation(Optional.empty(), escalation, T0));
        assertFalse(CaseCopies.forMember(kase, "FR").getInvolvedCountries().contains("DE"),
                "before it acts, FR may not know DE takes part");

        // when DE's officer comments
        apply(comment(kase.getCaseId(), "DE", "Our telecom regulator confirms the voice model."));

        // then the case keeps it, and FR's copy carries it in DE's name: commenting is acting in one's own name
        CaseComment kept = new CaseComment("DE", "de-duty-primary", "Our telecom regulator confirms the voice model.", clock);
        assertEquals(List.of(kept), kase.getComments());
        EmergencyCase copy = CaseCopies.forMember(kase, "FR");
        assertEquals(List.of(kept), copy.getComments());
        assertTrue(copy.getInvolvedCountries().contains("DE"));
        // but not DE's anonymous signal
        assertFalse(copy.getSignalIds().contains("sig-de"));
    }

    @Test
    void shouldKeepTheLatestCommentsOnly() {
        kase = kase(workflow.onEscalation(Optional.empty(), escalation(Tier.SEVERE, null, "FR", "DE"), T0));
        for (int i = 1; i <= CommandHandler.MAX_COMMENTS + 5; i++) {
            apply(comment(kase.getCaseId(), "FR", "note " + i));
        }
        assertEquals(CommandHandler.MAX_COMMENTS, kase.getComments().size());
        assertEquals("note 6", kase.getComments().get(0).getText());
        assertEquals("note " + (CommandHandler.MAX_COMMENTS + 5), kase.getComments().get(CommandHandler.MAX_COMMENTS - 1).getText());
    }
}
