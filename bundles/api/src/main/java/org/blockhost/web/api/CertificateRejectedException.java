package org.blockhost.web.api;

/**
 * A certificate the server refused to serve; nothing changed. The message is a sentence for the
 * operator: it names what is wrong and never holds key material or a parser's words.
 */
public class CertificateRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public CertificateRejectedException(String message) {
        super(message);
    }
}
