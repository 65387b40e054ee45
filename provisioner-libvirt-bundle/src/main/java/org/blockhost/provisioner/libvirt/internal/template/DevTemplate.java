package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.blockhost.provisioner.api.ProvisionerException;

/**
 * Dev mode: a blank qcow2 with the recipe recorded, laid out like the root agent's templates
 * ({@code <name>-<id>.qcow2}, never overwritten, made current), so create works against the test driver.
 */
final class DevTemplate {
    private DevTemplate() {
    }

    static String ensure(Path dir, TemplateRecipe recipe) throws ProvisionerException {
        var existing = new TemplateService(dir).reusable(recipe);
        try {
            if (existing.isPresent()) {
                select(dir, recipe);
                return existing.get();
            }
            Files.createDirectories(dir);
            Path image = dir.resolve(recipe.fileStem() + ".qcow2");
            if (!Files.exists(image, LinkOption.NOFOLLOW_LINKS)) {
                Path tmp = dir.resolve("." + recipe.fileStem() + ".qcow2.tmp");
                Files.deleteIfExists(tmp);
                createImage(tmp, recipe.sizeGib(), dir.resolve(".dev-template.log"));
                Files.createLink(image, tmp);
                Files.delete(tmp);
            }
            String sha = TemplateService.sha256(image);
            Files.writeString(dir.resolve(recipe.fileStem() + ".sha256"), sha + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(recipe.fileStem() + ".recipe"), recipe.text(), StandardCharsets.UTF_8);
            select(dir, recipe);
            return sha;
        } catch (IOException e) {
            throw new ProvisionerException("dev template placeholder failed: " + e.getMessage(), true, e);
        }
    }

    private static void select(Path dir, TemplateRecipe recipe) throws IOException {
        Files.writeString(dir.resolve(recipe.name() + ".current"), recipe.fileStem() + ".qcow2\n", StandardCharsets.UTF_8);
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
