package org.blockhost.provisioner.libvirt.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateServiceTest {
    @TempDir
    Path dir;

    @Test
    void recipeIsCanonical() {
        TemplateRecipe a = TemplateRecipe.of(new TemplateSpec("debian", List.of("zsh", "libpam-web3")));
        TemplateRecipe b = TemplateRecipe.of(new TemplateSpec("debian", List.of("libpam-web3", "zsh", "zsh")));
        assertEquals(a.text(), b.text());
        assertEquals(a.id(), b.id());
        assertTrue(a.packages().containsAll(List.of("linux-image-amd64", "openssh-server", "qemu-guest-agent",
                "cloud-init", "libsecp256k1-1", "acpid", "libpam-web3", "zsh")));
        assertNotEquals(a.id(), TemplateRecipe.of(new TemplateSpec("debian", List.of())).id());
    }

    @Test
    void matchingTemplateIsReusedOtherwiseNot() throws Exception {
        TemplateSpec spec = new TemplateSpec("debian", List.of("zsh"));
        TemplateRecipe recipe = TemplateRecipe.of(spec);
        Path image = Files.write(dir.resolve("debian.qcow2"), new byte[] {1, 2, 3});
        String sha = TemplateService.sha256(image);
        Files.writeString(dir.resolve("debian.sha256"), sha + "\n");
        Files.writeString(dir.resolve("debian.recipe"), recipe.text());
        TemplateService svc = new TemplateService(dir);
        assertEquals(new TemplateInfo("debian", sha, true), svc.build(spec));

        assertEquals(Optional.empty(), svc.reusable(TemplateRecipe.of(new TemplateSpec("debian", List.of()))),
                "other packages");
        Files.write(image, new byte[] {1, 2, 4});
        assertEquals(Optional.empty(), svc.reusable(recipe), "checksum mismatch");
        Files.delete(image);
        assertEquals(Optional.empty(), svc.reusable(recipe), "image missing");
    }

    @Test
    void diskLayoutIsFixed() throws Exception {
        String script = new String(DiskImage.partitionScript(), java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("label: dos\nstart=2048, size=524288, type=c, bootable\nstart=526336, type=83\n", script);
        assertEquals(526336L * 512, DiskImage.rootOffset());
        Path part = dir.resolve("part");
        byte[] data = new byte[3 << 20];
        data[5] = 7;
        data[(2 << 20) + 9] = 9;
        Files.write(part, data);
        Path disk = dir.resolve("disk");
        DiskImage.sparseFile(disk, 8 << 20);
        DiskImage.copyInto(part, disk, 1 << 20);
        byte[] out = Files.readAllBytes(disk);
        assertEquals(7, out[(1 << 20) + 5]);
        assertEquals(9, out[(3 << 20) + 9]);
        assertEquals(8 << 20, out.length);
    }
}
