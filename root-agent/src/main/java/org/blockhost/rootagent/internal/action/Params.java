package org.blockhost.rootagent.internal.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.path.Confinement;

/** Factory for the parameter types used in the action table. */
public final class Params {
    private Params() {
    }

    /** A string matching {@code regex} in full, at most {@code maxLength} characters. */
    public static Param string(String name, String regex, int maxLength) {
        return new StringParam(name, Pattern.compile(regex), maxLength);
    }

    public static Param integer(String name, long min, long max) {
        return new IntParam(name, min, max);
    }

    public static Param oneOf(String name, String... values) {
        return new EnumParam(name, Set.of(values));
    }

    public static Param bool(String name) {
        return new BoolParam(name);
    }

    /** A JSON array of distinct strings, each matching {@code regex} in full. */
    public static Param list(String name, String regex, int maxLength, int maxItems) {
        return new ListParam(name, Pattern.compile(regex), maxLength, maxItems);
    }

    /** One host address of the given family. */
    public static Param hostAddress(String name, boolean v6) {
        return new HostAddressParam(name, v6);
    }

    /** An IPv4 or IPv6 address or CIDR prefix (host bits must be zero). */
    public static Param source(String name) {
        return new AddressParam(name, false);
    }

    /** A single IPv6 address inside the configured prefix. */
    public static Param ip6InPrefix(String name) {
        return new AddressParam(name, true);
    }

    /** A path confined to one of BlockHost's directories; {@code fileName} matches the last segment. */
    public static Param path(String name, Confinement.Root root, boolean mustExist, String fileName) {
        return new PathParam(name, root, mustExist, Pattern.compile(fileName));
    }

    static final class StringParam extends Param {
        private final Pattern pattern;
        private final int maxLength;

        StringParam(String name, Pattern pattern, int maxLength) {
            super(name);
            this.pattern = pattern;
            this.maxLength = maxLength;
        }

        @Override
        public String describe() {
            return "a string of at most " + maxLength + " characters matching " + pattern.pattern();
        }

        @Override
        protected Object check(JsonNode value, AgentConfig config) throws ActionException {
            if (!value.isTextual()) {
                throw invalid();
            }
            String s = value.textValue();
            if (s.length() > maxLength) {
                throw invalid("longer than " + maxLength + " characters");
            }
            if (!pattern.matcher(s).matches()) {
                throw invalid();
            }
            return s;
        }
    }

    static final class IntParam extends Param {
        private final long min;
        private final long max;

        IntParam(String name, long min, long max) {
            super(name);
            this.min = min;
            this.max = max;
        }

        @Override
        public String describe() {
            return "an integer in " + min + ".." + max;
        }

        @Override
        protected Object check(JsonNode value, AgentConfig config) throws ActionException {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw invalid();
            }
            long v = value.longValue();
            if (v < min || v > max) {
                throw invalid();
            }
            return v;
        }
    }

    static final class EnumParam extends Param {
        private final Set<String> values;

        EnumParam(String name, Set<String> values) {
            super(name);
            this.values = values;
        }

        @Override
        public String describe() {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return "one of " + sorted;
        }

        @Override
        protected Object check(JsonNode value, AgentConfig config) throws ActionException {
            if (!value.isTextual() || !values.contains(value.textValue())) {
                throw invalid();
            }
            return value.textValue();
        }
    }

    static final class BoolParam extends Param {
        BoolParam(String name) {
            super(name);
        }

        @Override
        public String describe() {
            return "a boolean";
        }

        @Override
        protected Object check(JsonNode value, AgentConfig config) throws ActionException {
            if (!value.isBoolean()) {
                throw invalid();
            }
            return value.booleanValue();
        }
    }

}
