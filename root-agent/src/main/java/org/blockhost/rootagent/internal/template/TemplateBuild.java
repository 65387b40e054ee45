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
 * template-build: reuses {@code <template-dir>/<name>-<recipe id>.qcow2} when its recorded recipe and
 * checksum match, otherwise builds it with {@link TemplateBuilder} (debootstrap: needs root) as a
 * new file. Either way it becomes {@code <name>.current}, and the name's other images that no
 * overlay in the VM directory uses are removed.
 */
public final class TemplateBuild {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateBuild.class);
    private static final Object LOCK = new Object();

    private TemplateBuild() {
    }

    public static Map<String, Object> build(Args args, AgentContext ctx) throws ActionException {
        Path dir = ctx.config().templateDir();
        if (args.str("name").matches(".*-[0-9a-f]{16}")) {
            throw ActionException.rejected("parameter 'name': must not end in '-' and 16 hex digits (reserved for "
                    + "the recipe id)");
        }
        if (ctx.templateUnit() != null) {
            return TemplateUnit.delegate(args, ctx, ctx.templateUnit());
        }
        List<String> local = args.has("local_packages") ? args.list("local_packages") : List.of();
        Recipe recipe = new Recipe(args.str("name"), args.list("packages"), LocalPackages.hash(dir, local));
        return build(recipe, new TemplateStore(dir, ctx.config().vmDir()), () -> {
            requireBuildable(TemplateBuilder.KEYRING);
            return new TemplateBuilder(dir, ctx.templateBuildLimit());
        });
    }

    /** Supplies the builder once a build is needed (may refuse). */
    interface BuilderSource {
        ImageBuilder get() throws ActionException;
    }

    static Map<String, Object> build(Recipe recipe, TemplateStore store, BuilderSource builders) throws ActionException {
        synchronized (LOCK) {
            try {
                store.recover();
                Optional<String> reused = store.reusable(recipe);
                String sha;
                if (reused.isPresent()) {
                    sha = reused.get();
                } else {
                    ImageBuilder builder = builders.get();
                    long t0 = System.nanoTime();
                    sha = store.build(recipe, builder);
                    LOG.info("template {} built in {} s", recipe.name(), (System.nanoTime() - t0) / 1_000_000_000L);
                }
                store.select(recipe);
                List<String> removed = store.collect(recipe.name());
                if (!removed.isEmpty()) {
                    LOG.info("template {}: removed unused {}", recipe.name(), removed);
                }
                return result(store, recipe, sha, reused.isPresent(), removed);
            } catch (IOException e) {
                throw ActionException.failed("template-build of " + recipe.name() + " failed: " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> result(TemplateStore store, Recipe r, String sha, boolean reused,
            List<String> removed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("path", store.image(r).toString());
        m.put("sha256", sha);
        m.put("reused", reused);
        m.put("removed", removed);
        return m;
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }

    /** Refuses (FAILED) without root or with a tool or the archive keyring ({@code keyring}) missing. */
    static void requireBuildable(Path keyring) throws ActionException {
        if (!isRoot()) {
            throw ActionException.failed("template-build needs root (debootstrap); this agent is not running as "
                    + "root (in-process dev mode is unprivileged): build the template with the root agent daemon");
        }
        String missing = TemplateBuilder.missingMessage(TemplateBuilder.missingTools(keyring));
        if (!missing.isEmpty()) {
            throw ActionException.failed(missing);
        }
    }
}
