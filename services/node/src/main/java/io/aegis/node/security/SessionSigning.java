package io.aegis.node.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.aegis.node.config.SessionConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The one signature of sessions: HMAC-SHA256 with the {@link SessionKey}. Being the only signature
 * configuration, it is also the only one a presented session is checked against, and an unsigned
 * token ({@code alg: none}) is refused because a signature is configured.
 */
@Factory
public class SessionSigning {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration sessionSignature(SessionKey key) {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setSecret(key.base64());
        config.setBase64(true);
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }

    @Singleton
    PasswordHashes passwordHashes(SessionConfig config) {
        return new PasswordHashes(config.passwordCost());
    }
}
