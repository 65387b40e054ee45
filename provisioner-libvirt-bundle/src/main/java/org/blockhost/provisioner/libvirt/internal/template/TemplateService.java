package org.blockhost.provisioner.libvirt.internal.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.libvirt.internal.vm.AgentCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Templates in the template directory: {@code <name>-<recipe id>.qcow2} with {@code .recipe} (what
 * it was built from) and {@code .sha256} next to it, and {@code <name>.current} naming the image new
 * VMs use (see {@link org.blockhost.provisioner.libvirt.internal.vm.VmFiles}). Building (or reusing) is the root agent's
 * {@code template-build} action (debootstrap needs root); this class keeps the recipe and the
 * read-only reuse check used by the finalization step and the dev placeholder.
 */
public final class TemplateService {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);
    private final Path dir;
    private final AgentCalls agent;
    private final List<String> localPackages;

    public TemplateService(Path templateDir) {
        this(templateDir, null, List.of());
    }

    /** @param localPackages .deb file names in {@code <templateDir>/packages/} installed into every template */
    public TemplateService(Path templateDir, AgentCalls agent, List<String> localPackages) {
        this.dir = templateDir;
        this.agent = agent;
        this.localPackages = List.copyOf(localPackages);
    }

    /** The recipe of {@code spec} with this service's local packages (hashed now). */
    public TemplateRecipe recipe(TemplateSpec spec) throws ProvisionerException {
        try {
            return TemplateRecipe.of(spec, dir, localPackages);
        } catch (IOException e) {
            throw new ProvisionerException(e.getMessage(), false, e);
        }
    }

    /** Builds or reuses the template through the root agent's {@code template-build}. */
    public TemplateInfo build(TemplateSpec spec) throws ProvisionerException {
        if (agent == null) {
            throw new IllegalStateException("no root agent");
        }
        TemplateRecipe recipe = TemplateRecipe.of(spec);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", recipe.name());
        params.put("packages", recipe.packages());
        if (!localPackages.isEmpty()) {
            params.put("local_packages", localPackages);
        }
        Map<String, Object> r = agent.call("template-build", params);
        Object sha = r.get("sha256");
        if (!(sha instanceof String s) || !s.matches("[0-9a-f]{64}")) {
            throw new ProvisionerException("root agent template-build returned no checksum", true);
        }
        boolean reused = Boolean.TRUE.equals(r.get("reused"));
        LOG.info("template {}: {} (sha256 {})", spec.name(), reused ? "reused" : "built", s);
        return new TemplateInfo(spec.name(), s, reused);
    }

    /** {@link #reusable(TemplateRecipe)} for {@code spec} with the local packages; empty when one is missing. */
    public Optional<String> reusable(TemplateSpec spec) {
        try {
            return reusable(recipe(spec));
        } catch (ProvisionerException e) {
            return Optional.empty();
        }
    }

    /** The recorded checksum when the template exists, its recipe matches and the file still hashes to it. */
    public Optional<String> reusable(TemplateRecipe recipe) {
        Path image = dir.resolve(recipe.fileStem() + ".qcow2");
        try {
            if (!Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)
                    || !recipe.text().equals(read(recipe.fileStem() + ".recipe"))) {
                return Optional.empty();
            }
            String sha = read(recipe.fileStem() + ".sha256").trim();
            return sha.equals(sha256(image)) ? Optional.of(sha) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }
}
