package io.aegis.kafka.crypto;

import java.io.PrintStream;
import java.security.KeyPair;

/**
 * Generates an Ed25519 key pair for a member node and prints both keys, base64-encoded
 * (X.509 public, PKCS#8 private), as {@code key=value} lines an operator pastes into
 * members.yaml (public) and the node's secret configuration (private).
 */
public final class KeyTool {

    private KeyTool() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("usage: java -cp aegis-kafka-support.jar " + KeyTool.class.getName()
                    + "  (takes no arguments; prints publicKey= and privateKey= lines)");
            System.exit(2);
        }
        print(Ed25519.generate(), System.out);
    }

    static void print(KeyPair pair, PrintStream out) {
        out.println("publicKey=" + Ed25519.encodePublic(pair.getPublic()));
        out.println("privateKey=" + Ed25519.encodePrivate(pair.getPrivate()));
    }
}
