package io.aegis.node.paging;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one acknowledgement link grants: acknowledging one case, for one officer of one country,
 * once, until it expires. It is the payload of a signed token ({@link AckTokens}).
 *
 * @param linkId         128 random bits, the link's identity for one-time use
 * @param country        the node (member) the link is for
 * @param caseId         the case it acknowledges
 * @param officerId      the officer the acknowledgement is written for
 * @param notificationId the notification that carried it
 * @param issuedAt       when the notification was created: an acknowledgement of the case by this
 *                       country after that time answers the link's ask
 * @param expiresAt      after this instant the link is refused
 */
public record AckLink(byte[] linkId, String country, String caseId, String officerId, String notificationId,
                      Instant issuedAt, Instant expiresAt) {

    public static final int ID_BYTES = 16;

    public AckLink {
        Objects.requireNonNull(linkId, "linkId");
        if (linkId.length != ID_BYTES) {
            throw new IllegalArgumentException("linkId must be " + ID_BYTES + " bytes, got " + linkId.length);
        }
        linkId = linkId.clone();
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(officerId, "officerId");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public byte[] linkId() {
        return linkId.clone();
    }

    /** The link id in hex: safe to log and to keep (it grants nothing without the signature). */
    public String id() {
        return HexFormat.of().formatHex(linkId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AckLink o && java.util.Arrays.equals(linkId, o.linkId) && country.equals(o.country)
                && caseId.equals(o.caseId) && officerId.equals(o.officerId) && notificationId.equals(o.notificationId)
                && issuedAt.equals(o.issuedAt) && expiresAt.equals(o.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(linkId), country, caseId, officerId, notificationId, issuedAt, expiresAt);
    }

    @Override
    public String toString() {
        return "AckLink[" + id() + ", " + country + ", case " + caseId + ", officer " + officerId + ", expires " + expiresAt + "]";
    }
}
