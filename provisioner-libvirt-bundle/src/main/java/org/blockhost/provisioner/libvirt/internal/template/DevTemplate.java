package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.blockhost.provisioner.api.ProvisionerException;

/** Dev mode: a blank qcow2 with the recipe recorded, so create works against the test driver. */
final class DevTemplate {
    private DevTemplate() {
    }

    static String ensure(Path dir, TemplateRecipe recipe) throws ProvisionerException {
        TemplateService svc = new TemplateService(dir);
        var existing = svc.reusable(recipe);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            Files.createDirectories(dir);
            Path image = dir.resolve(recipe.name() + ".qcow2");
            Files.deleteIfExists(image);
            createImage(image, recipe.sizeGib(), dir.resolve(".dev-template.log"));
            String sha = TemplateService.sha256(image);
            Files.writeString(dir.resolve(recipe.name() + ".sha256"), sha + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(recipe.name() + ".recipe"), recipe.text(), StandardCharsets.UTF_8);
            return sha;
        } catch (IOException e) {
            throw new ProvisionerException("dev template placeholder failed: " + e.getMessage(), true, e);
        }
    }

    /** {@code qemu-img create} (argument vector, minimal environment, 1 minute limit, output to a log). */
    private static void createImage(Path image, int sizeGib, Path log) throws IOException, ProvisionerException {
        ProcessBuilder pb = new ProcessBuilder(List.of("qemu-img", "create", "-q", "-f", "qcow2", image.toString(),
                sizeGib + "G")).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process p = pb.start();
        try {
            if (!p.waitFor(Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ProvisionerException("qemu-img create timed out", true);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProvisionerException("interrupted while creating the dev template", true, e);
        }
        if (p.exitValue() != 0) {
            throw new ProvisionerException("qemu-img create failed (exit " + p.exitValue() + ", see " + log + ")", true);
        }
    }
}
