package io.aegis.replay.timeline;

/** The lanes of a timeline, in the order a signal travels through Aegis. */
public enum EventKind {
    SIGNAL, RETRACTION, ROUTING, DELIVERY, RECEIPT, COORDINATION, ESCALATION, CASE, NOTIFICATION, COMMAND
}
