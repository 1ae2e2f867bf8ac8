package io.aegis.response.domain;

/**
 * Who caused a case event: an officer of a country, or the workflow itself (both null).
 *
 * @param country   ISO code of the officer's country, null for the system
 * @param officerId officer id, null for the system
 */
public record Actor(String country, String officerId) {

    public static final Actor SYSTEM = new Actor(null, null);
}
