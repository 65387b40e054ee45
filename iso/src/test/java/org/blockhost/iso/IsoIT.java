package org.blockhost.iso;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ISO the build made: reproducible, bootable layout (BIOS and UEFI), the preseed in the installer's
 * initrd and on the disc, and a pool whose Packages index matches its files and lets apt install the
 * four BlockHost packages from the pool alone.
 */
class IsoIT {
    static final Path ISO = Path.of(System.getProperty("blockhost.iso.file"));
    static final List<String> OURS = List.of("blockhost-runtime", "blockhost-root-agent", "blockhost-engine-evm",
            "blockhost-provisioner-libvirt");

    @Test
    void twoBuildsGiveTheSameBytes() throws Exception {
        assertArrayEquals(sha256(ISO), sha256(Path.of(System.getProperty("blockhost.iso.again"))));
    }

    @Test
    void theDiscBootsBiosAndUefiAndWarnsThatTheDiskIsErased(@TempDir Path dir) throws Exception {
        Tools.Result r = Tools.run(List.of("xorriso", "-indev", ISO.toString(), "-report_el_torito", "plain"));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("BIOS") && r.out().contains("UEFI"), r.out());
        Path d = extract(dir, "/isolinux/isolinux.cfg", "/boot/grub/grub.cfg", "/preseed.cfg", "/install/initrd.gz");
        assertTrue(Files.readString(d.resolve("isolinux/isolinux.cfg")).contains("ERASES THE WHOLE FIRST DISK"));
        assertTrue(Files.readString(d.resolve("boot/grub/grub.cfg")).contains("ERASES THE WHOLE FIRST DISK"));
        assertEquals(Files.readString(Tools.src().resolve("iso/preseed.cfg")), Files.readString(d.resolve("preseed.cfg")));
    }

    @Test
    void theInstallersInitrdCarriesThePreseedAndTheFirstBootFiles(@TempDir Path dir) throws Exception {
        Path d = extract(dir, "/install/initrd.gz");
        long di = Files.size(Path.of("/usr/lib/debian-installer/images/12/amd64/text/debian-installer/amd64/initrd.gz"));
        Tools.Result r = Tools.run(List.of("sh", "-c", "tail -c +" + (di + 1) + " " + d.resolve("install/initrd.gz")
                + " | gzip -dc | cpio -i --to-stdout --quiet preseed.cfg"));
        assertEquals(0, r.exit(), r.out());
        assertEquals(Files.readString(Tools.src().resolve("iso/preseed.cfg")), r.out());
        Tools.Result list = Tools.run(List.of("sh", "-c", "tail -c +" + (di + 1) + " " + d.resolve("install/initrd.gz")
                + " | gzip -dc | cpio -t --quiet"));
        assertTrue(list.out().contains("blockhost/blockhost-firstboot\n"), list.out());
        assertTrue(list.out().contains("blockhost/blockhost-firstboot.service\n"), list.out());
    }

    @Test
    void thePoolsIndexMatchesItsFilesAndAptInstallsOurPackagesFromItAlone(@TempDir Path dir) throws Exception {
        Path pool = extract(dir, "/pool").resolve("pool");
        Map<String, String> sha = new HashMap<>();
        String file = null;
        for (String l : Files.readAllLines(pool.resolve("Packages"))) {
            if (l.startsWith("Filename: ./")) {
                file = l.substring(12);
            } else if (l.startsWith("SHA256: ")) {
                sha.put(file, l.substring(8));
            }
        }
        try (var s = Files.list(pool)) {
            assertEquals(s.filter(p -> p.toString().endsWith(".deb")).count(), sha.size(), "one entry per .deb");
        }
        for (Map.Entry<String, String> e : sha.entrySet()) {
            assertEquals(e.getValue(), HexFormat.of().formatHex(sha256(pool.resolve(e.getKey()))), e.getKey());
        }
        Path list = Files.writeString(dir.resolve("pool.list"), "deb [trusted=yes] file:" + pool + " ./\n");
        Files.createDirectories(dir.resolve("lists/partial"));
        List<String> apt = List.of("apt-get", "-o", "Dir::Etc::SourceList=" + list, "-o", "Dir::Etc::SourceParts=/dev/null",
                "-o", "Dir::State::Lists=" + dir.resolve("lists"), "-o", "Dir::Cache=" + dir.resolve("cache"),
                "-o", "Debug::NoLocking=true", "-o", "APT::Install-Recommends=false");
        Tools.Result up = Tools.run(concat(apt, List.of("update")));
        assertEquals(0, up.exit(), up.out());
        // against this host's installed packages: everything else comes from the pool, nothing from a mirror
        Tools.Result sim = Tools.run(concat(apt, concat(List.of("-s", "install"), OURS)));
        assertEquals(0, sim.exit(), sim.out());
        for (String p : OURS) {
            assertTrue(sim.out().contains("Inst " + p + " "), p + "\n" + sim.out());
        }
    }

    static Path extract(Path dir, String... paths) throws Exception {
        Path out = Files.createDirectories(dir.resolve("iso"));
        for (String p : paths) {
            Path target = out.resolve(p.substring(1));
            Files.createDirectories(target.getParent());
            Tools.Result r = Tools.run(List.of("xorriso", "-osirrox", "on", "-indev", ISO.toString(), "-extract", p,
                    target.toString()));
            assertEquals(0, r.exit(), r.out());
        }
        return out;
    }

    static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] b = new byte[1 << 16];
            for (int n; (n = in.read(b)) > 0;) {
                md.update(b, 0, n);
            }
        }
        return md.digest();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
