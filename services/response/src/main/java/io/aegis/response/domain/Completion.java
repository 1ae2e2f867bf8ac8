package io.aegis.response.domain;

/** What meets a regulatory obligation. */
public enum Completion {
    /** Every involved country has acknowledged the case. */
    ALL_ACKNOWLEDGED,
    /** The case is resolved. */
    RESOLUTION,
    /** An officer files a COMMENT whose text starts with {@code #<obligation id>}. */
    REPORT
}
