package org.blockhost.crypto.internal.siwe;

import java.util.regex.Pattern;

/** Syntax checks from RFC 3986 (URI, authority) as needed by EIP-4361. Regexes follow the RFC's ABNF. */
public final class Rfc3986 {
    private static final String UNRESERVED = "A-Za-z0-9\\-._~";
    private static final String SUB_DELIMS = "!$&'()*+,;=";
    private static final String PCT = "%[0-9A-Fa-f]{2}";
    private static final String PCHAR = "(?:[" + UNRESERVED + SUB_DELIMS + ":@]|" + PCT + ")";
    private static final String DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]|[0-9])";
    private static final String IPV4 = DEC_OCTET + "\\." + DEC_OCTET + "\\." + DEC_OCTET + "\\." + DEC_OCTET;
    private static final String H16 = "[0-9A-Fa-f]{1,4}";
    private static final String IPVFUTURE = "v[0-9A-Fa-f]+\\.[" + UNRESERVED + SUB_DELIMS + ":]+";
    private static final String REG_NAME = "(?:[" + UNRESERVED + SUB_DELIMS + "]|" + PCT + ")*";
    private static final String USERINFO = "(?:[" + UNRESERVED + SUB_DELIMS + ":]|" + PCT + ")*";
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+\\-.]*");
    private static final Pattern PORT = Pattern.compile("[0-9]*");
    private static final Pattern IPV4_P = Pattern.compile(IPV4);
    private static final Pattern REG_NAME_P = Pattern.compile(REG_NAME);
    private static final Pattern USERINFO_P = Pattern.compile(USERINFO);
    private static final Pattern IPVFUTURE_P = Pattern.compile(IPVFUTURE);
    private static final Pattern H16_P = Pattern.compile(H16);
    private static final Pattern PATH = Pattern.compile("(?:/|" + PCHAR + ")*");
    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("(?:[/?]|" + PCHAR + ")*");
    private static final Pattern PCHARS = Pattern.compile(PCHAR + "*");

    private Rfc3986() {
    }

    /** {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
    public static boolean isScheme(String s) {
        return SCHEME.matcher(s).matches();
    }

    /** {@code *pchar} (used for the SIWE request id). */
    public static boolean isPchars(String s) {
        return PCHARS.matcher(s).matches();
    }

    /** An absolute URI: {@code scheme ":" hier-part [ "?" query ] [ "#" fragment ]}. */
    public static boolean isUri(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !isScheme(uri.substring(0, colon))) {
            return false;
        }
        String rest = uri.substring(colon + 1);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            if (!QUERY_OR_FRAGMENT.matcher(rest.substring(hash + 1)).matches()) {
                return false;
            }
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            if (!QUERY_OR_FRAGMENT.matcher(rest.substring(q + 1)).matches()) {
                return false;
            }
            rest = rest.substring(0, q);
        }
        return isHierPart(rest);
    }

    private static boolean isHierPart(String hier) {
        if (hier.startsWith("//")) {
            String afterSlashes = hier.substring(2);
            int slash = afterSlashes.indexOf('/');
            String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
            String path = slash < 0 ? "" : afterSlashes.substring(slash);
            return isAuthority(authority, true) && PATH.matcher(path).matches();
        }
        // path-absolute ("/" not followed by "/"), path-rootless, or path-empty
        return PATH.matcher(hier).matches() && !hier.startsWith("//");
    }

    /**
     * {@code authority = [ userinfo "@" ] host [ ":" port ]}.
     *
     * @param allowEmptyHost RFC 3986 allows an empty reg-name (e.g. {@code file:///}); EIP-4361 domains do not
     */
    public static boolean isAuthority(String authority, boolean allowEmptyHost) {
        String hostPort = authority;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            if (!USERINFO_P.matcher(authority.substring(0, at)).matches()) {
                return false;
            }
            hostPort = authority.substring(at + 1);
        }
        String host = hostPort;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostPort.substring(0, close + 1);
            String tail = hostPort.substring(close + 1);
            if (!tail.isEmpty() && !(tail.startsWith(":") && PORT.matcher(tail.substring(1)).matches())) {
                return false;
            }
            return isIpLiteral(host);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            if (!PORT.matcher(hostPort.substring(colon + 1)).matches()) {
                return false;
            }
            host = hostPort.substring(0, colon);
        }
        if (host.isEmpty()) {
            return allowEmptyHost;
        }
        return IPV4_P.matcher(host).matches() || REG_NAME_P.matcher(host).matches();
    }

    private static boolean isIpLiteral(String literal) {
        String inner = literal.substring(1, literal.length() - 1);
        return IPVFUTURE_P.matcher(inner).matches() || isIpv6(inner);
    }

    /** IPv6address per RFC 3986 §3.2.2 (with optional trailing IPv4 and one "::"). */
    static boolean isIpv6(String s) {
        String body = s;
        int groupsFromTail = 0;
        int lastColon = s.lastIndexOf(':');
        if (lastColon >= 0 && s.indexOf('.', lastColon) > 0) {
            if (!IPV4_P.matcher(s.substring(lastColon + 1)).matches()) {
                return false;
            }
            body = s.substring(0, lastColon + 1) + "0";
            groupsFromTail = 1;
        }
        int dbl = body.indexOf("::");
        if (dbl >= 0 && body.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (dbl < 0) {
            return countGroups(body) == 8 - groupsFromTail;
        }
        String left = body.substring(0, dbl);
        String right = body.substring(dbl + 2);
        int l = left.isEmpty() ? 0 : countGroups(left);
        int r = right.isEmpty() ? 0 : countGroups(right);
        return l >= 0 && r >= 0 && l + r + groupsFromTail <= 7;
    }

    private static int countGroups(String part) {
        String[] groups = part.split(":", -1);
        for (String g : groups) {
            if (!H16_P.matcher(g).matches()) {
                return -1;
            }
        }
        return groups.length;
    }
}
