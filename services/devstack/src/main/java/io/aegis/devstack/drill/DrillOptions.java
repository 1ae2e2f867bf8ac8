package io.aegis.devstack.drill;

import java.util.List;

/**
 * The drill's options, from {@code --name=value} arguments. Invariant: every value is a whole
 * number within its bounds; anything else is refused naming the option.
 *
 * @param rate          signals offered per second, over all nodes (default 20)
 * @param phaseSeconds  seconds of load in each phase after its fault (default 20)
 * @param settleSeconds the longest wait, after the load stopped, for the expected copies (default 90)
 * @param kill          {@code --kill}: stop the broker and the services with SIGKILL, as a crash would,
 *                      instead of a clean shutdown (default false)
 */
public record DrillOptions(int rate, int phaseSeconds, int settleSeconds, boolean kill) {

    public static final String USAGE = "[--rate=20] [--phase-seconds=20] [--settle-seconds=90] [--kill]";

    public DrillOptions {
        require("rate", rate, 1, 1000);
        require("phase-seconds", phaseSeconds, 1, 3600);
        require("settle-seconds", settleSeconds, 0, 3600);
    }

    /** Parses {@code --rate=N}, {@code --phase-seconds=N}, {@code --settle-seconds=N}, {@code --kill}. */
    public static DrillOptions parse(List<String> args) {
        int rate = 20;
        int phaseSeconds = 20;
        int settleSeconds = 90;
        boolean kill = false;
        for (String arg : args) {
            if (arg.equals("--kill")) {
                kill = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 2 && arg.startsWith("--") ? arg.substring(2, eq) : "";
            String value = eq > 0 ? arg.substring(eq + 1) : "";
            switch (name) {
                case "rate" -> rate = number(name, value);
                case "phase-seconds" -> phaseSeconds = number(name, value);
                case "settle-seconds" -> settleSeconds = number(name, value);
                default -> throw new IllegalArgumentException("unknown drill option '" + arg + "'; allowed: " + USAGE);
            }
        }
        return new DrillOptions(rate, phaseSeconds, settleSeconds, kill);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    private static void require(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max + ", got " + value);
        }
    }
}
