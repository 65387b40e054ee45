package org.blockhost.crypto.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.blockhost.crypto.internal.siwe.Rfc3339;
import org.blockhost.crypto.internal.siwe.Rfc3986;
import org.blockhost.crypto.internal.siwe.SiweParser;

/**
 * An EIP-4361 (Sign-In with Ethereum) message. Instances are always valid: the builder and {@link #parse} enforce
 * every rule of the spec. Field names follow the spruceid test files.
 */
public final class SiweMessage {
    static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final Pattern STATEMENT = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;= ]*");

    private final String scheme;
    private final String domain;
    private final String address;
    private final String statement;
    private final String uri;
    private final String version;
    private final long chainId;
    private final String nonce;
    private final String issuedAt;
    private final String expirationTime;
    private final String notBefore;
    private final String requestId;
    private final List<String> resources;

    private SiweMessage(Builder b) {
        scheme = b.scheme;
        domain = b.domain;
        address = b.address;
        statement = b.statement;
        uri = b.uri;
        version = b.version;
        chainId = b.chainId;
        nonce = b.nonce;
        issuedAt = b.issuedAt;
        expirationTime = b.expirationTime;
        notBefore = b.notBefore;
        requestId = b.requestId;
        resources = b.resources == null ? null : Collections.unmodifiableList(new ArrayList<>(b.resources));
    }

    /** Strictly parses message text. */
    public static SiweMessage parse(String text) {
        return SiweParser.parse(text);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The exact text to sign. */
    public String toMessage() {
        StringBuilder sb = new StringBuilder(256);
        if (scheme != null) {
            sb.append(scheme).append("://");
        }
        sb.append(domain).append(" wants you to sign in with your Ethereum account:\n").append(address).append("\n\n");
        if (statement != null) {
            sb.append(statement).append('\n');
        }
        sb.append("\nURI: ").append(uri).append("\nVersion: ").append(version).append("\nChain ID: ").append(chainId)
            .append("\nNonce: ").append(nonce).append("\nIssued At: ").append(issuedAt);
        appendOptional(sb, "Expiration Time: ", expirationTime);
        appendOptional(sb, "Not Before: ", notBefore);
        appendOptional(sb, "Request ID: ", requestId);
        if (resources != null) {
            sb.append("\nResources:");
            for (String r : resources) {
                sb.append("\n- ").append(r);
            }
        }
        return sb.toString();
    }

    private static void appendOptional(StringBuilder sb, String label, String value) {
        if (value != null) {
            sb.append('\n').append(label).append(value);
        }
    }

    public String scheme() { return scheme; }

    public String domain() { return domain; }

    /** EIP-55 address text as written in the message. */
    public String address() { return address; }

    public String statement() { return statement; }

    public String uri() { return uri; }

    public String version() { return version; }

    public long chainId() { return chainId; }

    public String nonce() { return nonce; }

    public String issuedAt() { return issuedAt; }

    public String expirationTime() { return expirationTime; }

    public String notBefore() { return notBefore; }

    public String requestId() { return requestId; }

    /** Null when the message has no {@code Resources:} section. */
    public List<String> resources() { return resources; }

    public Instant issuedAtInstant() { return Rfc3339.parseOrNull(issuedAt); }

    public Instant expirationInstant() { return expirationTime == null ? null : Rfc3339.parseOrNull(expirationTime); }

    public Instant notBeforeInstant() { return notBefore == null ? null : Rfc3339.parseOrNull(notBefore); }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiweMessage && toMessage().equals(((SiweMessage) o).toMessage());
    }

    @Override
    public int hashCode() {
        return toMessage().hashCode();
    }

    @Override
    public String toString() {
        return toMessage();
    }

    /** Builder; {@link #build()} validates every field. */
    public static final class Builder {
        private String scheme;
        private String domain;
        private String address;
        private String statement;
        private String uri;
        private String version = "1";
        private long chainId = -1;
        private String nonce;
        private String issuedAt;
        private String expirationTime;
        private String notBefore;
        private String requestId;
        private List<String> resources;

        private Builder() {
        }

        public Builder scheme(String v) { scheme = v; return this; }

        public Builder domain(String v) { domain = v; return this; }

        public Builder address(String v) { address = v; return this; }

        public Builder statement(String v) { statement = v; return this; }

        public Builder uri(String v) { uri = v; return this; }

        public Builder version(String v) { version = v; return this; }

        public Builder chainId(long v) { chainId = v; return this; }

        public Builder nonce(String v) { nonce = v; return this; }

        public Builder issuedAt(String v) { issuedAt = v; return this; }

        public Builder issuedAt(Instant v) { issuedAt = v.toString(); return this; }

        public Builder expirationTime(String v) { expirationTime = v; return this; }

        public Builder expirationTime(Instant v) { expirationTime = v.toString(); return this; }

        public Builder notBefore(String v) { notBefore = v; return this; }

        public Builder notBefore(Instant v) { notBefore = v.toString(); return this; }

        public Builder requestId(String v) { requestId = v; return this; }

        public Builder resources(List<String> v) { resources = v; return this; }

        /** @throws SiweException naming the first invalid field */
        public SiweMessage build() {
            if (scheme != null && !Rfc3986.isScheme(scheme)) {
                throw new SiweException("SIWE scheme is not an RFC 3986 scheme");
            }
            require(domain != null && !domain.isEmpty(), "SIWE domain is missing");
            require(Rfc3986.isAuthority(domain, false), "SIWE domain is not an RFC 3986 authority");
            require(address != null, "SIWE address is missing");
            require(Eip55.isChecksummed(address), "SIWE address is not an EIP-55 checksummed address");
            require(statement == null || STATEMENT.matcher(statement).matches(),
                "SIWE statement contains a line break or a character outside the EIP-4361 statement set");
            require(uri != null, "SIWE URI is missing");
            require(Rfc3986.isUri(uri), "SIWE URI is not an RFC 3986 URI");
            require(version != null, "SIWE version is missing");
            require("1".equals(version), "SIWE version must be 1");
            require(chainId >= 0, "SIWE chain id is missing or not a non-negative integer");
            require(nonce != null, "SIWE nonce is missing");
            require(NONCE.matcher(nonce).matches(), "SIWE nonce must be at least 8 alphanumeric characters");
            require(issuedAt != null, "SIWE issued-at is missing");
            require(Rfc3339.isValid(issuedAt), "SIWE issued-at is not an RFC 3339 date-time");
            require(expirationTime == null || Rfc3339.isValid(expirationTime), "SIWE expiration time is not an RFC 3339 date-time");
            require(notBefore == null || Rfc3339.isValid(notBefore), "SIWE not-before is not an RFC 3339 date-time");
            require(requestId == null || Rfc3986.isPchars(requestId), "SIWE request id contains characters outside pchar");
            if (resources != null) {
                for (int i = 0; i < resources.size(); i++) {
                    require(Objects.nonNull(resources.get(i)) && Rfc3986.isUri(resources.get(i)),
                        "SIWE resource " + (i + 1) + " is not an RFC 3986 URI");
                }
            }
            return new SiweMessage(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new SiweException(message);
            }
        }
    }
}
