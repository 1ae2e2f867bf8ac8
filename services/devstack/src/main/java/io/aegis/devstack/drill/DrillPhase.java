package io.aegis.devstack.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * One phase of the fault drill: the fault it injects when it begins (if any) and its name in the
 * report. Invariant: load runs through every phase; a phase's fault is injected while the load of
 * that phase is already being offered, so the signals in flight meet it.
 *
 * @param name   as printed, e.g. {@code broker-2 down}
 * @param fault  what happens at the start of the phase
 * @param target the broker number or the service name the fault acts on ({@code ""} for none)
 */
public record DrillPhase(String name, Fault fault, String target) {

    /** The faults a phase can open with. */
    public enum Fault {
        /** Nothing: load only. */
        NONE,
        /** Stop a broker and leave it stopped for the phase. */
        STOP_BROKER,
        /** Start the stopped broker again and wait until the cluster has it back. */
        START_BROKER,
        /** Stop a service process, start it again with the same specification, wait for its health. */
        RESTART_SERVICE
    }

    /** The stream services restarted in turn, in the order the issue names them. */
    public static final List<String> STREAM_SERVICES = List.of("router", "escalation", "response");

    /** The broker stopped and restarted (not broker 1, the bootstrap address every client knows first). */
    public static final int BROKER = 2;

    /** The drill's phases in order: baseline, a broker down and back, then each stream service restarted. */
    public static List<DrillPhase> standard() {
        List<DrillPhase> phases = new ArrayList<>();
        phases.add(new DrillPhase("baseline", Fault.NONE, ""));
        phases.add(new DrillPhase("broker-" + BROKER + " down", Fault.STOP_BROKER, Integer.toString(BROKER)));
        phases.add(new DrillPhase("broker-" + BROKER + " back", Fault.START_BROKER, Integer.toString(BROKER)));
        for (String service : STREAM_SERVICES) {
            phases.add(new DrillPhase(service + " restart", Fault.RESTART_SERVICE, service));
        }
        return List.copyOf(phases);
    }
}
