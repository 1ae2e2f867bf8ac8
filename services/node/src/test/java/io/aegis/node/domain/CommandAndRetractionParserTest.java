package io.aegis.node.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aegis.schema.common.Tlp;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CommandType;
import io.aegis.schema.response.VoteChoice;
import io.aegis.schema.signal.Retraction;
import io.aegis.schema.signal.RetractionKind;
import io.aegis.schema.signal.ThreatSignal;
import io.aegis.testsupport.fixtures.Signals;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandAndRetractionParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    final CaseCommandParser commands = new CaseCommandParser("FR");
    final ThreatSignal signal = Signals.signal("FR").build();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void shouldBuildAVoteWithTheNodesCountryAndTheAuthenticatedOfficer() throws Exception {
        CaseCommand vote = commands.parse(CaseCommandParser.Kind.VOTE, "case-1",
                json("{\"actionId\":\"act-1\",\"choice\":\"YES\"}"), "officer-fr", NOW);

        assertEquals(CommandType.VOTE, vote.getType());
        assertEquals(VoteChoice.YES, vote.getVote());
        assertEquals("FR", vote.getCountry());
        assertEquals("officer-fr", vote.getOfficerId());
    }

    @Test
    void shouldRefuseACommentWithoutTextAndAnUnknownField() throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> commands.parse(
                CaseCommandParser.Kind.COMMENT, "case-1", json("{\"country\":\"DE\"}"), "o", NOW));

        assertEquals(List.of("country", "text"), e.violations().stream().map(Violation::field).sorted().toList());
    }

    @Test
    void shouldRequireTargetTierOnlyForLowerTierProposals() throws Exception {
        assertThrows(InvalidRequestException.class, () -> commands.parse(CaseCommandParser.Kind.PROPOSE, "c",
                json("{\"actionType\":\"LOWER_TIER\"}"), "o", NOW));
        assertThrows(InvalidRequestException.class, () -> commands.parse(CaseCommandParser.Kind.PROPOSE, "c",
                json("{\"actionType\":\"FREEZE_FUNDS\",\"targetTier\":\"NOTICE\"}"), "o", NOW));
    }

    @Test
    void shouldOnlyNarrowOnDowngrade() throws Exception {
        // Given an AMBER signal for DE and JP
        Retraction narrowed = RetractionParser.downgrade(json("{\"reason\":\"r\",\"tlp\":\"RED\",\"recipients\":[\"DE\"]}"),
                signal, Tlp.AMBER, List.of("DE", "JP"), "k1", NOW);

        assertEquals(RetractionKind.DOWNGRADE, narrowed.getKind());
        assertEquals(Tlp.RED, narrowed.getNewTlp());
        assertEquals(List.of("DE"), narrowed.getNewRecipients());
        assertEquals("tlp", assertThrows(InvalidRequestException.class, () -> RetractionParser.downgrade(
                json("{\"reason\":\"r\",\"tlp\":\"GREEN\"}"), signal, Tlp.AMBER, List.of("DE"), "k1", NOW))
                .violations().get(0).field());
        assertEquals("recipients", assertThrows(InvalidRequestException.class, () -> RetractionParser.downgrade(
                json("{\"reason\":\"r\",\"recipients\":[\"BR\"]}"), signal, Tlp.AMBER, List.of("DE"), "k1", NOW))
                .violations().get(0).field());
    }

    @Test
    void shouldRequireAReasonToRetract() throws Exception {
        assertEquals("reason", assertThrows(InvalidRequestException.class,
                () -> RetractionParser.retract(json("{}"), signal, "k1", NOW)).violations().get(0).field());
    }
}
