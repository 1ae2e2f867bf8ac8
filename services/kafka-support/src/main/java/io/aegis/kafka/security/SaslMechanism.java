package io.aegis.kafka.security;

/** SASL mechanisms Aegis clients authenticate with, and their JAAS login modules. */
public enum SaslMechanism {
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** The value of {@code sasl.mechanism}. */
    public String kafkaName() {
        return kafkaName;
    }

    public String loginModule() {
        return loginModule;
    }

    /** Parses "SCRAM-SHA-512", "scram_sha_512" and the like. */
    public static SaslMechanism parse(String text) {
        if (text != null) {
            String normalised = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            for (SaslMechanism mechanism : values()) {
                if (mechanism.name().equals(normalised)) {
                    return mechanism;
                }
            }
        }
        throw new IllegalArgumentException("sasl.mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, got '"
                + text + "'");
    }
}
