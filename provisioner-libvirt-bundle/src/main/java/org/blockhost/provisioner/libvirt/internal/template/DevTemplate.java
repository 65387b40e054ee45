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
            new Commands(dir.resolve(".dev-template.log")).run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                    image.toString(), recipe.sizeGib() + "G"), Duration.ofMinutes(1));
            String sha = TemplateService.sha256(image);
            Files.writeString(dir.resolve(recipe.name() + ".sha256"), sha + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(recipe.name() + ".recipe"), recipe.text(), StandardCharsets.UTF_8);
            return sha;
        } catch (IOException e) {
            throw new ProvisionerException("dev template placeholder failed: " + e.getMessage(), true, e);
        }
    }
}
