package io.aegis.node.paging;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The SMTP server pages are sent through ({@code aegis.node.paging.smtp.*}). The password is a
 * secret: never logged and never rendered by {@link #toString()}.
 *
 * @param host     SMTP server host
 * @param port     SMTP server port
 * @param starttls {@code none} (plain SMTP), {@code optional} (STARTTLS when offered) or
 *                 {@code required} (refuse to send without it; the default)
 * @param username SMTP AUTH user; with {@code password}, the node authenticates; both or neither
 * @param password SMTP AUTH password
 * @param timeout  connect, read and write timeout of one attempt
 */
@ConfigurationProperties("aegis.node.paging.smtp")
@Requires(property = "aegis.node.paging.enabled", value = "true")
public record SmtpConfig(@Nullable String host,
                         @Bindable(defaultValue = "25") int port,
                         @Bindable(defaultValue = "required") @Nullable String starttls,
                         @Nullable String username,
                         @Nullable String password,
                         @Bindable(defaultValue = "10s") @Nullable Duration timeout) {

    @Override
    public String toString() {
        return "SmtpConfig[host=" + host + ", port=" + port + ", starttls=" + starttls + ", username=" + username
                + ", password=" + (password == null ? "null" : "<secret>") + "]";
    }
}
