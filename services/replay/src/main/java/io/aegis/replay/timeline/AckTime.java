package io.aegis.replay.timeline;

/**
 * Time-to-acknowledge of one officer at one tier.
 *
 * @param officerId        officer
 * @param country          officer's country
 * @param tier             tier the request was made at
 * @param requests         acknowledgement requests received
 * @param acknowledged     requests acknowledged
 * @param meanSeconds      mean time from request to acknowledgement, or -1 if none acknowledged
 * @param maxSeconds       longest such time, or -1
 */
public record AckTime(String officerId, String country, String tier, int requests, int acknowledged,
                      long meanSeconds, long maxSeconds) {
}
