package io.aegis.node.support;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads every class through its parent but hides the resources of some code sources (jars or class
 * directories). The node's tests carry the router on their classpath (BrokerLossThroughNodeIT runs
 * both); Micronaut finds beans and configuration through resources, so a node context built on this
 * loader sees the node's beans only, as it would in production, while classes stay shared.
 */
public final class HidingClassLoader extends ClassLoader {

    private final List<String> hidden;

    private HidingClassLoader(ClassLoader parent, List<String> hidden) {
        super(parent);
        this.hidden = hidden;
    }

    /** A loader over the test classpath that hides the code source each anchor class came from. */
    public static ClassLoader hiding(Class<?>... anchors) {
        List<String> roots = java.util.Arrays.stream(anchors)
                .map(anchor -> anchor.getProtectionDomain().getCodeSource().getLocation().toString()).toList();
        return new HidingClassLoader(HidingClassLoader.class.getClassLoader(), roots);
    }

    @Override
    public URL getResource(String name) {
        try {
            Enumeration<URL> visible = getResources(name);
            return visible.hasMoreElements() ? visible.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return Collections.enumeration(Collections.list(getParent().getResources(name)).stream().filter(this::visible).toList());
    }

    private boolean visible(URL url) {
        String location = url.toString();
        return hidden.stream().noneMatch(location::contains);
    }
}
