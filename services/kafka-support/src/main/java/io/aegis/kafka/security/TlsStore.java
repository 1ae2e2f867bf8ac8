package io.aegis.kafka.security;

/**
 * A key store or trust store file.
 *
 * @param location path of the store file
 * @param password store password (may be null for a PEM trust store)
 * @param type     PKCS12, JKS or PEM
 */
public record TlsStore(String location, String password, String type) {

    public TlsStore {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location of a TLS store must not be blank");
        }
        type = type == null || type.isBlank() ? "PKCS12" : type.trim().toUpperCase(java.util.Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS") && !type.equals("PEM")) {
            throw new IllegalArgumentException("type of TLS store " + location + " must be PKCS12, JKS or PEM, got '"
                    + type + "'");
        }
    }

    @Override
    public String toString() {
        return "TlsStore[" + location + ", " + type + (password == null ? "" : ", password=***") + "]";
    }
}
