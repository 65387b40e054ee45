package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * template-build: reuses {@code <template-dir>/<name>.qcow2} when its recorded recipe and checksum
 * match, otherwise builds it with {@link TemplateBuilder} (debootstrap: needs root).
 */
public final class TemplateBuild {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateBuild.class);
    private static final Object LOCK = new Object();

    private TemplateBuild() {
    }

    public static Map<String, Object> build(Args args, AgentContext ctx) throws ActionException {
        Path dir = ctx.config().templateDir();
        List<String> local = args.has("local_packages") ? args.list("local_packages") : List.of();
        Recipe recipe = new Recipe(args.str("name"), args.list("packages"), LocalPackages.hash(dir, local));
        TemplateStore store = new TemplateStore(dir);
        synchronized (LOCK) {
            Optional<String> reused = store.reusable(recipe);
            if (reused.isPresent()) {
                return result(store, recipe, reused.get(), true);
            }
            requireBuildable();
            long t0 = System.nanoTime();
            try {
                Files.createDirectories(dir);
                String sha = store.build(recipe, new TemplateBuilder(dir));
                LOG.info("template {} built in {} s", recipe.name(), (System.nanoTime() - t0) / 1_000_000_000L);
                return result(store, recipe, sha, false);
            } catch (IOException e) {
                throw ActionException.failed("template-build of " + recipe.name() + " failed: " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> result(TemplateStore store, Recipe r, String sha, boolean reused) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("path", store.image(r).toString());
        m.put("sha256", sha);
        m.put("reused", reused);
        return m;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }

    private static void requireBuildable() throws ActionException {
        if (!isRoot()) {
            throw ActionException.failed("template-build needs root (debootstrap); this agent is not running as "
                    + "root (in-process dev mode is unprivileged): build the template with the root agent daemon");
        }
        List<String> missing = TemplateBuilder.missingTools();
        if (!missing.isEmpty()) {
            throw ActionException.failed("template-build needs " + String.join(", ", missing)
                    + " (Debian: debootstrap dosfstools mtools syslinux syslinux-common fdisk qemu-utils)");
        }
    }
}
