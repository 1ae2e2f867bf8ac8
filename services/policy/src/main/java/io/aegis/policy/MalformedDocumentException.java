package io.aegis.policy;

/** The text is not a YAML or JSON document at all (as opposed to a document that breaks a rule). */
public final class MalformedDocumentException extends PolicyValidationException {

    public MalformedDocumentException(String message) {
        super("$", message);
    }
}
