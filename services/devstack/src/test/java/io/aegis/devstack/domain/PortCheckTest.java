package io.aegis.devstack.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void shouldReportATakenPortWithItsComponentAndOverride() throws IOException {
        // given something already listening on loopback
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int taken = busy.getLocalPort();
            int free = freePort();
            List<PortCheck.Need> needs = List.of(new PortCheck.Need("registry", taken, "AEGIS_REGISTRY_PORT"),
                    new PortCheck.Need("router", free, "AEGIS_ROUTER_PORT"));

            // when
            List<PortCheck.Need> result = PortCheck.taken(needs);

            // then
            assertEquals(List.of(needs.get(0)), result);
            assertFalse(PortCheck.isFree(taken));
            assertTrue(PortCheck.isFree(free));
            assertEquals("port " + taken + " (registry) is already in use; stop what listens there or set "
                    + "AEGIS_REGISTRY_PORT to another port", PortCheck.describe(result));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
