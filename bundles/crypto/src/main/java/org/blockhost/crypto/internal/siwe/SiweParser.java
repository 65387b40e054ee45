package org.blockhost.crypto.internal.siwe;

import java.util.ArrayList;
import java.util.List;

import org.blockhost.crypto.api.SiweException;
import org.blockhost.crypto.api.SiweMessage;

/** Strict line-by-line EIP-4361 parser; field syntax is checked by {@link SiweMessage.Builder#build()}. */
public final class SiweParser {
    private static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
    private static final int MAX_LENGTH = 64 * 1024;

    private final String[] lines;
    private int pos;

    private SiweParser(String[] lines) {
        this.lines = lines;
    }

    public static SiweMessage parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new SiweException("SIWE message is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SiweException("SIWE message is too long");
        }
        return new SiweParser(text.split("\n", -1)).run();
    }

    private SiweMessage run() {
        SiweMessage.Builder b = SiweMessage.builder();
        header(b);
        b.address(next("the address line"));
        expectEmpty("an empty line after the address");
        String maybeStatement = next("the statement or an empty line");
        if (!maybeStatement.isEmpty()) {
            b.statement(maybeStatement);
            expectEmpty("an empty line after the statement");
        }
        b.uri(tagged("URI: ", true));
        b.version(tagged("Version: ", true));
        b.chainId(chainId(tagged("Chain ID: ", true)));
        b.nonce(tagged("Nonce: ", true));
        b.issuedAt(tagged("Issued At: ", true));
        b.expirationTime(tagged("Expiration Time: ", false));
        b.notBefore(tagged("Not Before: ", false));
        b.requestId(tagged("Request ID: ", false));
        b.resources(resources());
        if (pos < lines.length) {
            throw new SiweException("SIWE message has unexpected content at line " + (pos + 1));
        }
        return b.build();
    }

    private void header(SiweMessage.Builder b) {
        String line = next("the header line");
        if (!line.endsWith(HEADER_SUFFIX)) {
            throw new SiweException("SIWE header line must end with '" + HEADER_SUFFIX.trim() + "'");
        }
        String authority = line.substring(0, line.length() - HEADER_SUFFIX.length());
        int sep = authority.indexOf("://");
        if (sep >= 0) {
            b.scheme(authority.substring(0, sep));
            authority = authority.substring(sep + 3);
        }
        if (authority.isEmpty()) {
            throw new SiweException("SIWE domain is missing");
        }
        b.domain(authority);
    }

    private String next(String what) {
        if (pos >= lines.length) {
            throw new SiweException("SIWE message ends before " + what);
        }
        return lines[pos++];
    }

    private void expectEmpty(String what) {
        if (!next(what).isEmpty()) {
            throw new SiweException("SIWE message is missing " + what);
        }
    }

    private String tagged(String tag, boolean required) {
        if (pos < lines.length && lines[pos].startsWith(tag)) {
            return lines[pos++].substring(tag.length());
        }
        if (required) {
            throw new SiweException("SIWE message is missing the '" + tag.trim() + "' line where expected (line " + (pos + 1) + ")");
        }
        return null;
    }

    private static long chainId(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SiweException("SIWE chain id must be a decimal integer");
        }
        return Long.parseLong(text);
    }

    private List<String> resources() {
        if (pos >= lines.length || !lines[pos].equals("Resources:")) {
            return null;
        }
        pos++;
        List<String> out = new ArrayList<>();
        while (pos < lines.length && lines[pos].startsWith("- ")) {
            out.add(lines[pos++].substring(2));
        }
        return out;
    }
}
