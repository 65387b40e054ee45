package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preseed parses ({@code debconf-set-selections -c}) and answers every question the install would ask. */
class PreseedTest {
    static final Path PRESEED = Tools.src().resolve("iso/preseed.cfg");

    @Test
    void debconfAcceptsThePreseedAndRefusesABrokenOne(@TempDir Path dir) throws Exception {
        Tools.Result ok = Tools.run(List.of("debconf-set-selections", "-c", PRESEED.toString()));
        assertEquals(0, ok.exit(), ok.out());
        assertEquals("", ok.out().strip(), "no warnings");
        Path broken = Files.writeString(dir.resolve("broken.cfg"), Files.readString(PRESEED) + "d-i partman/confirm\n");
        assertNotEquals(0, Tools.run(List.of("debconf-set-selections", "-c", broken.toString())).exit(),
                "the check can fail");
    }

    @Test
    void everyQuestionOfAnUnattendedWholeDiskInstallIsAnswered() throws Exception {
        String p = Files.readString(PRESEED);
        for (String q : List.of("debian-installer/locale", "keyboard-configuration/xkb-keymap", "netcfg/get_hostname",
                "netcfg/get_domain", "mirror/country", "mirror/protocol", "passwd/root-login",
                "passwd/username", "passwd/user-password-crypted", "time/zone", "partman/early_command",
                "partman-auto/method string lvm", "partman-auto-lvm/guided_size string max",
                "partman-lvm/device_remove_lvm boolean true", "partman-lvm/confirm boolean true",
                "partman-partitioning/confirm_write_new_label boolean true", "partman/choose_partition select finish",
                "partman/confirm boolean true", "partman/confirm_nooverwrite boolean true", "tasksel/first",
                "popularity-contest/participate boolean false", "grub-installer/bootdev",
                "finish-install/reboot_in_progress note")) {
            assertTrue(p.contains(q), q);
        }
        assertTrue(p.contains("passwd/root-login boolean false"), "no root password");
    }

    /**
     * d-i fetches the mirror's Release files with its own CA bundle: behind a TLS-intercepting proxy (the
     * full install test's network) an https mirror is "bad"; apt checks the signatures on plain HTTP.
     */
    @Test
    void theMirrorIsPlainHttpWithItsHostAndDirectoryForThatProtocol() throws Exception {
        String p = Files.readString(PRESEED);
        assertTrue(p.contains("d-i mirror/protocol string http\n"), "mirror/protocol http");
        assertTrue(p.contains("d-i mirror/http/hostname string deb.debian.org\n"), "the http mirror's host");
        assertTrue(p.contains("d-i mirror/http/directory string /debian\n"), "the http mirror's directory");
        assertFalse(p.contains("mirror/https/"), "no answers for another protocol");
    }

    /**
     * d-i's user-setup refuses a user name that is one of Debian's static users or groups (base-passwd's
     * master files, e.g. the group "operator"): with priority=critical the install would stop there.
     */
    @Test
    void theLoginAccountIsAUserNameTheInstallerAcceptsAndFirstBootUses() throws Exception {
        Matcher m = Pattern.compile("(?m)^d-i passwd/username string (\\S+)$")
                .matcher(Files.readString(PRESEED));
        assertTrue(m.find(), "passwd/username");
        String user = m.group(1);
        assertTrue(user.matches("[a-z][-a-z0-9_]{0,31}"), user + " is not a name user-setup accepts");
        for (String master : List.of("passwd.master", "group.master")) {
            for (String line : Files.readAllLines(Path.of("/usr/share/base-passwd", master))) {
                assertNotEquals(user, line.split(":")[0], user + " is a static name in base-passwd's " + master);
            }
        }
        String firstBoot = Files.readString(Tools.src().resolve("firstboot/blockhost-firstboot"));
        assertTrue(firstBoot.contains("\nACCOUNT=" + user + "\n"), "first boot sets the password of " + user);
    }

    @Test
    void lateCommandInstallsTheFirstBootServiceThatShips() throws Exception {
        String p = Files.readString(PRESEED);
        assertTrue(p.contains("cp /blockhost/blockhost-firstboot /target/usr/local/sbin/blockhost-firstboot"));
        assertTrue(p.contains("in-target systemctl enable blockhost-firstboot.service"));
        Path unit = Tools.src().resolve("firstboot/blockhost-firstboot.service");
        assertTrue(Files.readString(unit).contains("ExecStart=/usr/local/sbin/blockhost-firstboot\n"));
        assertTrue(Files.isExecutable(Tools.src().resolve("firstboot/blockhost-firstboot")));
        Tools.Result sh = Tools.run(List.of("sh", "-n", Tools.src().resolve("firstboot/blockhost-firstboot").toString()));
        assertEquals(0, sh.exit(), sh.out());
    }
}
