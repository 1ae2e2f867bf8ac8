package io.aegis.node.paging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aegis.kafka.topic.Topic;
import io.aegis.kafka.topic.Topics;
import io.aegis.node.domain.CaseCommandParser;
import io.aegis.node.messaging.AckedWriter;
import io.aegis.node.messaging.NodeIdentity;
import io.aegis.node.messaging.NodeStores;
import io.aegis.node.topology.StoreNames;
import io.aegis.schema.response.Acknowledgement;
import io.aegis.schema.response.CaseCommand;
import io.aegis.schema.response.CaseState;
import io.aegis.schema.response.EmergencyCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * What an acknowledgement link may do. {@link #check} only looks (GET: mail scanners fetch links);
 * {@link #acknowledge} writes the officer's ACKNOWLEDGE command to {@code aegis.commands.<CC>} as
 * {@code POST /api/v1/cases/{id}/ack} does, for the link's officer, with the comment
 * {@value #COMMENT}. Invariants: a link is refused, with nothing written, when it is malformed (400),
 * not signed with this node's key (403), for another country (403), expired (410), for a case this
 * node does not hold or that does not involve its country (404), already used, or answered by an
 * acknowledgement of this country since its notification, or for a resolved case (409); a link
 * writes at most one command, and its use is recorded on disk before success is answered.
 */
@Singleton
@Requires(bean = PagingSettings.class)
public class Acknowledgements {

    static final String COMMENT = "acknowledged from e-mail link";
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(Acknowledgements.class);

    /** What a link led to. */
    sealed interface Outcome permits Refused, Ready, Done {
    }

    /** Refused with an HTTP status and a message for the officer; nothing was written. */
    record Refused(int status, String heading, String message) implements Outcome {
    }

    /** A valid link for a case this node holds: it may acknowledge. */
    record Ready(AckLink link, EmergencyCase copy) implements Outcome {
    }

    /** The acknowledgement was written (the brokers acknowledged the command). */
    record Done(AckLink link, EmergencyCase copy, CaseCommand command) implements Outcome {
    }

    private final AckLinkService links;
    private final NodeStores stores;
    private final AckedWriter writer;
    private final Topic<String, CaseCommand> commands;
    private final CaseCommandParser parser;
    private final String country;

    public Acknowledgements(AckLinkService links, NodeStores stores, AckedWriter writer, Topics topics, NodeIdentity node) {
        this.links = links;
        this.stores = stores;
        this.writer = writer;
        this.commands = topics.commands(node.country());
        this.parser = new CaseCommandParser(node.country());
        this.country = node.country();
    }

    /** Whether the link may acknowledge now; changes nothing. */
    Outcome check(String token) {
        AckLink link;
        try {
            link = links.tokens().open(token);
        } catch (InvalidLinkException e) {
            return e.kind() == InvalidLinkException.Kind.MALFORMED
                    ? new Refused(400, "This is not an acknowledgement link", e.getMessage() + ". Check that the whole link was opened.")
                    : new Refused(403, "This link is not valid", "This link is not valid: it was not issued by this node or it was altered.");
        }
        if (!country.equals(link.country())) {
            return new Refused(403, "This link is for another country",
                    "This link is for the node of " + link.country() + "; this is the node of " + country + ".");
        }
        Instant now = links.clock().instant();
        if (!now.isBefore(link.expiresAt())) {
            return new Refused(410, "This link has expired", "This link expired at " + UTC.format(link.expiresAt())
                    + ". Acknowledge case " + link.caseId() + " in the console.");
        }
        Optional<EmergencyCase> copy = stores.get(StoreNames.CASES, link.caseId());
        if (copy.isEmpty() || !involves(copy.get())) {
            return new Refused(404, "Case not found", "This node holds no case " + link.caseId() + " involving " + country + ".");
        }
        return usable(link, copy.get());
    }

    private boolean involves(EmergencyCase copy) {
        return copy.getInvolvedCountries().contains(country) || country.equals(copy.getCopyFor());
    }

    private Outcome usable(AckLink link, EmergencyCase copy) {
        Optional<Instant> usedAt = links.used().usedAt(link);
        if (usedAt.isPresent()) {
            return new Refused(409, "This link was already used", "This link was already used at " + UTC.format(usedAt.get()) + ".");
        }
        Optional<Acknowledgement> answered = copy.getAcknowledgements().stream()
                .filter(ack -> country.equals(ack.getCountry()) && !ack.getAt().isBefore(link.issuedAt())).findFirst();
        if (answered.isPresent()) {
            return new Refused(409, "Already acknowledged", "Case " + link.caseId() + " was already acknowledged for " + country
                    + " by " + answered.get().getOfficerId() + " at " + UTC.format(answered.get().getAt()) + ".");
        }
        if (copy.getState() == CaseState.RESOLVED) {
            return new Refused(409, "The case is resolved", "Case " + link.caseId() + " is resolved: there is nothing to acknowledge.");
        }
        return new Ready(link, copy);
    }

    /** Acknowledges the link's case for its officer, once. */
    Outcome acknowledge(String token) {
        Outcome checked = check(token);
        if (!(checked instanceof Ready ready)) {
            return checked;
        }
        AckLink link = ready.link();
        Instant now = links.clock().instant();
        CaseCommand command = parser.parse(CaseCommandParser.Kind.ACK, link.caseId(),
                JsonNodeFactory.instance.objectNode().put("comment", COMMENT), link.officerId(), now);
        if (!links.used().claim(link)) {
            return links.used().usedAt(link).<Outcome>map(at -> new Refused(409, "This link was already used",
                    "This link was already used at " + UTC.format(at) + "."))
                    .orElse(new Refused(409, "This link is being used", "This link is being used right now; reload in a moment."));
        }
        try {
            writer.write(commands, link.caseId(), command).join();
        } catch (CompletionException | IllegalStateException e) {
            links.used().release(link);
            LOG.warn("Acknowledgement link {} for case {} could not be written: {}", link.id(), link.caseId(),
                    e.getCause() != null ? e.getCause().toString() : e.toString());
            return new Refused(503, "Not recorded yet", "The acknowledgement could not be recorded right now (the node's "
                    + "messaging is unavailable). Nothing was sent; try the link again in a minute.");
        }
        try {
            links.used().record(link, now);
        } catch (IOException e) {
            // the command is written; the link stays claimed in this process, and the case copy refuses it once acknowledged
            LOG.error("Acknowledgement link {} used, but its use could not be kept on disk", link.id(), e);
        }
        LOG.info("Case {} acknowledged for {} by {} from e-mail link {} (command {})", link.caseId(), country, link.officerId(),
                link.id(), command.getCommandId());
        return new Done(link, ready.copy(), command);
    }
}
