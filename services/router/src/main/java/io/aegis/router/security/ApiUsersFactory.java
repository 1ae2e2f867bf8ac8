package io.aegis.router.security;

import io.aegis.router.config.ApiUserConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the API users when the context starts, before the streams: a broken user entry stops the
 * router with an error naming the key, at once. No users is valid (the API then refuses every call).
 */
@Factory
public class ApiUsersFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ApiUsersFactory.class);

    @Context
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApiUsers apiUsers(List<ApiUserConfig> configs) {
        ApiUsers users = ApiUsers.of(configs);
        if (users.size() == 0) {
            LOG.info("no router API users configured ({}<name>.*): every API call is refused with 401", ApiUsers.PREFIX);
        }
        return users;
    }
}
