package io.aegis.response.domain;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A duty officer on a country's roster. The id is the name of the officer's DUTY_OFFICER user
 * on the country's node (for example {@code fr-duty-primary}); the time zone is used to state
 * deadlines in the officer's local time.
 *
 * @param id       officer id, also the key of the officer's notifications
 * @param name     display name
 * @param timeZone the officer's time zone
 */
public record DutyOfficer(String id, String name, ZoneId timeZone) {

    public DutyOfficer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
