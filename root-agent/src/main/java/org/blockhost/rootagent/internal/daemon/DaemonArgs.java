package org.blockhost.rootagent.internal.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.net.IpPrefix;
import org.blockhost.rootagent.internal.template.TemplateUnit;

/** Command line of the daemon. Unknown flags are an error. */
public record DaemonArgs(Path socket, String group, String user, AgentConfig config, int workers,
        int connectionsPerUid, double ratePerSecond, Duration idleTimeout, Duration readTimeout, String templateUnit) {

    static final String USAGE = "usage: java -jar org.blockhost.rootagent.jar --socket PATH --group NAME"
            + " [--user NAME] [--libvirt-uri URI] [--state-dir DIR] [--keys-dir DIR] [--vm-dir DIR] [--template-dir DIR]"
            + " [--issue-dir DIR] [--ip6-prefix CIDR] [--nft-table NAME] [--workers N] [--connections-per-uid N] [--rate N] [--idle-timeout SEC]"
            + " [--read-timeout SEC] [--command-timeout SEC] [--template-unit NAME.service]";

    private static final Set<String> FLAGS = Set.of("--socket", "--group", "--user", "--libvirt-uri", "--state-dir",
            "--keys-dir", "--vm-dir", "--template-dir", "--issue-dir", "--ip6-prefix", "--nft-table", "--workers", "--connections-per-uid", "--rate",
            "--idle-timeout", "--read-timeout", "--command-timeout", "--template-unit");

    public static DaemonArgs parse(String... argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!FLAGS.contains(argv[i]) || i + 1 >= argv.length) {
                throw new IllegalArgumentException("bad argument: " + argv[i] + "\n" + USAGE);
            }
            m.put(argv[i], argv[i + 1]);
        }
        String group = m.getOrDefault("--group", "blockhost");
        IpPrefix prefix = null;
        if (m.containsKey("--ip6-prefix")) {
            prefix = IpPrefix.parse(m.get("--ip6-prefix").toLowerCase(java.util.Locale.ROOT));
            if (prefix == null || !prefix.isV6()) {
                throw new IllegalArgumentException("--ip6-prefix must be an IPv6 CIDR prefix");
            }
        }
        AgentConfig c = new AgentConfig(path(m, "--keys-dir", "/etc/blockhost/keys"),
                path(m, "--vm-dir", "/var/lib/blockhost/vms"), path(m, "--template-dir", "/var/lib/blockhost/templates"),
                path(m, "--state-dir", "/var/lib/blockhost/root-agent"), group,
                m.getOrDefault("--libvirt-uri", AgentConfig.DEFAULT_LIBVIRT_URI), prefix,
                m.getOrDefault("--nft-table", "blockhost"), false, seconds(m, "--command-timeout", 120), true,
                path(m, "--issue-dir", AgentConfig.DEFAULT_ISSUE_DIR));
        String unit = m.get("--template-unit");
        if (unit != null && !unit.matches(TemplateUnit.UNIT_NAME)) {
            throw new IllegalArgumentException("--template-unit must be a unit name like blockhost-template-build.service");
        }
        int workers = Integer.parseInt(m.getOrDefault("--workers", "16"));
        return new DaemonArgs(path(m, "--socket", "/run/blockhost/root-agent.sock"), group,
                m.getOrDefault("--user", "blockhost"), c, workers,
                Integer.parseInt(m.getOrDefault("--connections-per-uid", Integer.toString(Math.max(1, workers / 2)))),
                Double.parseDouble(m.getOrDefault("--rate", "50")),
                seconds(m, "--idle-timeout", 30), seconds(m, "--read-timeout", 5), unit);
    }

    /** {@link #parse}, or the usage on stderr and exit status 2 (the programs' mains). */
    public static DaemonArgs parseOrExit(String... argv) {
        try {
            return parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    private static Path path(Map<String, String> m, String flag, String dflt) {
        return Path.of(m.getOrDefault(flag, dflt)).toAbsolutePath().normalize();
    }

    private static Duration seconds(Map<String, String> m, String flag, long dflt) {
        return Duration.ofSeconds(Long.parseLong(m.getOrDefault(flag, Long.toString(dflt))));
    }
}
