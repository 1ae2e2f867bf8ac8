package io.aegis.node.topology;

/** Names of the node's local state stores; they are part of the changelog topic names, so stable. */
public final class StoreNames {

    /** cursor → SharedSignal: the inbox, oldest first. */
    public static final String INBOX_ITEMS = "inbox-items";
    /** signal id → cursor of its inbox item. */
    public static final String INBOX_INDEX = "inbox-index";
    /** cursor → Retraction (retract or downgrade) applied to an inbox item: the inbox's withdrawal events, on the inbox clock. */
    public static final String INBOX_WITHDRAWALS = "inbox-withdrawals";
    /** signal id + "|" + cursor → the same Retraction: a received signal's withdrawals, oldest first. */
    public static final String INBOX_WITHDRAWAL_INDEX = "inbox-withdrawal-index";
    /** signal id → ThreatSignal this node published. */
    public static final String OWN_SIGNALS = "own-signals";
    /** signal id → latest Retraction (retract or downgrade) of an own signal. */
    public static final String OWN_RETRACTIONS = "own-retractions";
    /** signal id + "|" + destination + "|" + outcome → RoutingDecision on an own signal (from the router's reports). */
    public static final String DELIVERY_DECISIONS = "delivery-decisions";
    /** signal id + "|" + country + "|" + kind → Receipt for an own signal. */
    public static final String DELIVERY_RECEIPTS = "delivery-receipts";
    /** cursor → Notification for this country's officers. */
    public static final String NOTIFICATIONS = "notifications";
    /** notification id → cursor. */
    public static final String NOTIFICATION_INDEX = "notification-index";
    /** case id → EmergencyCase this country takes part in. */
    public static final String CASES = "cases";
    /**
     * case id + "|" + lastSequence (zero-padded to 19 digits) → every EmergencyCase copy this node received for a
     * case it takes part in, oldest first: the history the case timeline is derived from.
     */
    public static final String CASE_HISTORY = "case-history";
    /** country → this country's current SharingPolicy. */
    public static final String POLICY = "policy";
    /** {@link #LATEST_SUBMISSION} → the router's PolicyStatus answer to the latest policy submitted. */
    public static final String POLICY_SUBMISSIONS = "policy-submissions";
    /** Key of the one entry of {@link #POLICY_SUBMISSIONS}. */
    public static final String LATEST_SUBMISSION = "latest";


    /** cursor → {@link StixFeed} entry: the TAXII {@code inbox} collection, one current version per signal. */
    public static final String STIX_INBOX = "stix-inbox";
    /** signal id → its cursor in {@link #STIX_INBOX}. */
    public static final String STIX_INBOX_INDEX = "stix-inbox-index";
    /** cursor → {@link StixFeed} entry: the TAXII {@code outbox} collection (this node's own signals). */
    public static final String STIX_OUTBOX = "stix-outbox";
    /** signal id → its cursor in {@link #STIX_OUTBOX}. */
    public static final String STIX_OUTBOX_INDEX = "stix-outbox-index";

    /** Every store the API reads; the node is ready to serve when all of them can be read. */
    public static final java.util.List<String> ALL = java.util.List.of(INBOX_ITEMS, INBOX_INDEX,
            INBOX_WITHDRAWALS, INBOX_WITHDRAWAL_INDEX, OWN_SIGNALS,
            OWN_RETRACTIONS, DELIVERY_DECISIONS, DELIVERY_RECEIPTS, NOTIFICATIONS, NOTIFICATION_INDEX, CASES, CASE_HISTORY, POLICY, POLICY_SUBMISSIONS,
            STIX_INBOX, STIX_INBOX_INDEX, STIX_OUTBOX, STIX_OUTBOX_INDEX);

    /** Separator of composite keys; never part of an id, a country code or a kind. */
    public static final String SEPARATOR = "|";

    /** The {@link #CASE_HISTORY} key of a copy: ordered by sequence within its case. */
    public static String caseHistoryKey(String caseId, long lastSequence) {
        return caseId + SEPARATOR + String.format(java.util.Locale.ROOT, "%019d", Math.max(0, lastSequence));
    }

    private StoreNames() {
    }
}
