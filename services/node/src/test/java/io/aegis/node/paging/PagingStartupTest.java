package io.aegis.node.paging;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.kafka.registry.InMemorySchemaRegistryClient;
import io.aegis.node.support.HidingClassLoader;
import io.aegis.router.messaging.RouterStreams;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paging in a node's application context, without a broker: off by default (no paging bean, no
 * acknowledgement route), and a node with paging on but no link key refuses to start, naming the key.
 */
class PagingStartupTest {

    @TempDir
    Path state;

    Map<String, Object> node() {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.streams.default.state.dir", state.toString());
        props.put("aegis.node.country", "FR");
        props.put("aegis.node.agency", "anssi");
        props.put("aegis.node.signing-key", Ed25519.encodePrivate(Ed25519.generate().getPrivate()));
        props.put("kafka.bootstrap.servers", "127.0.0.1:1");
        props.put("aegis.members-file", Path.of("..", "..", "infra", "members.yaml").toAbsolutePath().normalize().toString());
        return props;
    }

    /** A node context (the router, on this module's test classpath, hidden as NodeHarness does). */
    static ApplicationContextBuilder context(Map<String, Object> props) {
        return ApplicationContext.builder().classLoader(HidingClassLoader.hiding(RouterStreams.class)).properties(props)
                .singletons(new InMemorySchemaRegistryClient());
    }

    @Test
    void shouldStartNothingAboutMailWhenPagingIsOff() {
        try (ApplicationContext context = context(node()).start()) {
            assertFalse(context.containsBean(PagingSettings.class));
            assertFalse(context.containsBean(MailPaging.class));
            assertFalse(context.containsBean(AckController.class));
        }
    }

    @Test
    void shouldRefuseToStartWithoutTheLinkKeyNamingIt() {
        Map<String, Object> props = node();
        props.put("aegis.node.paging.enabled", true);
        props.put("aegis.node.paging.smtp.host", "127.0.0.1");
        props.put("aegis.node.paging.from", "aegis-fr@aegis.test");
        props.put("aegis.node.paging.console-url", "http://localhost:8101");
        assertThatThrownBy(() -> context(props).start().close())
                .satisfies(e -> assertThat(chain(e)).contains("aegis.node.paging.link-key must be set"));
    }

    @Test
    void shouldKeepUsedLinksUnderTheStreamsStateDirectoryByDefault() {
        Map<String, Object> props = node();
        props.put("aegis.node.paging.enabled", true);
        props.put("aegis.node.paging.smtp.host", "127.0.0.1");
        props.put("aegis.node.paging.from", "aegis-fr@aegis.test");
        props.put("aegis.node.paging.console-url", "http://localhost:8101");
        props.put("aegis.node.paging.link-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        try (ApplicationContext context = context(props).start()) {
            Path file = state.resolve("aegis-paging").resolve("used-links");
            assertEquals(file, context.getBean(PagingSettings.class).usedLinksFile());
            assertTrue(context.containsBean(AckLinkService.class));
            assertTrue(Files.exists(file), "opened (and created) at start");
        }
    }

    static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
