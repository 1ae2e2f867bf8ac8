package io.aegis.devstack.domain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of the ports a start needs are already taken, so {@code up} can refuse with a
 * message naming the component, the port and the override variable instead of a bind
 * exception deep in a service log.
 */
public final class PortCheck {

    /** A port the devstack needs, with whom it is for and how to change it. */
    public record Need(String component, int port, String override) {
    }

    private PortCheck() {
    }

    /** True when nothing listens on {@code port} on this machine's loopback or wildcard address. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The needs whose ports are taken, in the given order. */
    public static List<Need> taken(List<Need> needs) {
        List<Need> taken = new ArrayList<>();
        for (Need need : needs) {
            if (!isFree(need.port())) {
                taken.add(need);
            }
        }
        return taken;
    }

    /** One line per taken port: what needs it and how to move it. */
    public static String describe(List<Need> taken) {
        Map<Integer, String> lines = new LinkedHashMap<>();
        for (Need need : taken) {
            lines.put(need.port(), "port " + need.port() + " (" + need.component() + ") is already in use; stop what "
                    + "listens there or set " + need.override() + " to another port");
        }
        return String.join(System.lineSeparator(), lines.values());
    }
}
