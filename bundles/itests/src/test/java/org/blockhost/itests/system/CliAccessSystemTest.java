package org.blockhost.itests.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator CLI of the whole dev stack (real EVM engine on anvil) called by other Unix users
 * through the launcher ({@code setpriv}): {@code nobody} (group nogroup) is an operator,
 * {@code daemon} (group daemon) the treasurer; the socket belongs to nogroup. Needs root.
 */
class CliAccessSystemTest {
    @TempDir
    Path tmp;

    @Test
    void anOperatorCannotWithdrawATreasurerCanAndBothAreAudited() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv");
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("etc"));
        Files.write(home.resolve("etc/org.blockhost.app.cli.cfg"), List.of("readGroups=nogroup", "operateGroups=nogroup",
                "treasuryGroups=daemon", "socketGroup=nogroup"));
        try (DevStack dev = DevStack.start(home, tmp.resolve("dev.out"))) {
            for (Path dir : List.of(tmp, home, home.resolve("state"))) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            }
            String to = dev.field("adminWallet");
            List<String> operator = List.of("--reuid", "nobody", "--regid", "nogroup", "--clear-groups");
            RuntimeProcess.CliResult refused = as(operator, home, "wallet", "withdraw", to);
            assertEquals(2, refused.exit(), refused.output());
            assertTrue(refused.output().contains("not permitted: wallet needs role treasury (group daemon)"), refused.output());
            RuntimeProcess.CliResult balance = as(operator, home, "wallet", "balance");
            assertEquals(0, balance.exit(), balance.output());

            List<String> treasurer = List.of("--reuid", "daemon", "--regid", "daemon", "--groups", "nogroup");
            RuntimeProcess.CliResult withdraw = as(treasurer, home, "wallet", "withdraw", to);
            assertFalse(withdraw.output().contains("not permitted"), withdraw.output());
            RuntimeProcess.CliResult treasurerStatus = as(treasurer, home, "status");
            assertEquals(2, treasurerStatus.exit(), "the treasurer holds no read role here: " + treasurerStatus.output());

            RuntimeProcess.CliResult audit = RuntimeProcess.CliResult.run(List.of("bash",
                    RuntimeProcess.ROOT.resolve("blockhost").toString(), "audit", "--json", "--home", home.toString()));
            assertEquals(0, audit.exit(), audit.output());
            String log = audit.output().replaceAll("\\s+", " ");
            assertTrue(log.contains("\"actor\" : \"uid=65534(nobody)\", \"subject\" : \"wallet\", \"action\" : \"cli.refused\","
                    + " \"detail\" : \"wallet withdraw " + to + " [needs treasury]\""), log);
            assertTrue(log.contains("\"actor\" : \"uid=1(daemon)\", \"subject\" : \"wallet\", \"action\" : \"cli.run\","
                    + " \"detail\" : \"wallet withdraw " + to + "\""), log);
            assertTrue(log.contains("\"actor\" : \"uid=1(daemon)\", \"subject\" : \"status\", \"action\" : \"cli.refused\""), log);
            assertFalse(log.contains("wallet balance"), "read-only calls are not audited: " + log);
        }
    }

    private static RuntimeProcess.CliResult as(List<String> identity, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv"));
        cmd.addAll(identity);
        cmd.addAll(List.of("--", "bash", RuntimeProcess.ROOT.resolve("blockhost").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--home", home.toString()));
        return RuntimeProcess.CliResult.run(cmd);
    }
}
