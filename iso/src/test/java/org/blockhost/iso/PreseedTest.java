package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
                "netcfg/get_domain", "mirror/country", "mirror/https/hostname", "passwd/root-login",
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
