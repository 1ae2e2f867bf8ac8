package io.aegis.node.messaging;

import io.aegis.kafka.crypto.Ed25519;
import io.aegis.node.config.NodeConfig;
import io.aegis.policy.CountryCodes;
import io.micronaut.context.annotation.Context;

import java.security.PrivateKey;

/**
 * Who this node is: country, agency and its decoded Ed25519 signing key. Created eagerly so a
 * node with a bad country or key refuses to start, with a message naming the key but never
 * showing its value.
 */
@Context
public class NodeIdentity {

    private final String country;
    private final String agency;
    private final String keyId;
    private final PrivateKey signingKey;

    public NodeIdentity(NodeConfig config) {
        if (!CountryCodes.isValid(config.country())) {
            throw new IllegalArgumentException("aegis.node.country must be an ISO 3166-1 alpha-2 code, got " + config.country());
        }
        this.country = config.country();
        this.agency = config.agency();
        this.keyId = config.keyId();
        try {
            this.signingKey = Ed25519.decodePrivate(config.signingKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aegis.node.signing-key must be a base64 PKCS#8 Ed25519 private key", null);
        }
    }

    public String country() {
        return country;
    }

    public String agency() {
        return agency;
    }

    public String keyId() {
        return keyId;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }
}
