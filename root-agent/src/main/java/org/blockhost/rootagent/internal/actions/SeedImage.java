package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.exec.CommandRunner;
import org.blockhost.rootagent.internal.path.ConfinedPath;

/**
 * seed-create: a cloud-init NoCloud seed image (ISO 9660, volume id {@code cidata}) rendered from
 * validated fields only. Built with genisoimage, xorriso or cloud-localds, whichever is installed,
 * into a temporary file (0600) that is linked to the output name only after success and deleted on
 * any failure. The user must not be root or a system account ({@link GuestUsers}).
 */
public final class SeedImage {
    private SeedImage() {
    }

    public static Map<String, Object> create(Args args, AgentContext ctx) throws ActionException {
        GuestUsers.check(args.str("user"));
        SeedTemplates.checkOwner(args);
        Optional<String> network = NetworkConfig.render(args);
        String userData = SeedTemplates.userData(args);
        ConfinedPath out = args.path("output");
        Path work = null;
        Path tmp = null;
        try {
            Path tmpRoot = ctx.config().stateDir().resolve("tmp");
            Files.createDirectories(tmpRoot);
            work = Files.createTempDirectory(tmpRoot, "seed-");
            Path ud = Files.writeString(work.resolve("user-data"), userData, StandardCharsets.UTF_8);
            Path md = Files.writeString(work.resolve("meta-data"), SeedTemplates.metaData(args), StandardCharsets.UTF_8);
            Path nc = network.isEmpty() ? null
                    : Files.writeString(work.resolve("network-config"), network.get(), StandardCharsets.UTF_8);
            out.recheck();
            tmp = out.createTemp();
            ctx.runner().runOk(argv(tmp, ud, md, nc), null, ctx.config().commandTimeout());
            out.publish(tmp);
            return Map.of("output", out.toString());
        } catch (IOException e) {
            throw ActionException.failed("seed-create failed: " + e.getMessage());
        } finally {
            if (tmp != null) {
                out.discard(tmp);
            }
            deleteTree(work);
        }
    }

    static List<String> argv(Path out, Path userData, Path metaData, Path network) throws ActionException {
        List<String> files = new ArrayList<>(List.of(userData.toString(), metaData.toString()));
        if (network != null) {
            files.add(network.toString());
        }
        List<String> argv = new ArrayList<>();
        if (CommandRunner.find("genisoimage") != null) {
            argv.addAll(List.of("genisoimage", "-quiet", "-output", out.toString(), "-volid", "cidata", "-joliet", "-rock"));
        } else if (CommandRunner.find("xorriso") != null) {
            argv.addAll(List.of("xorriso", "-as", "mkisofs", "-quiet", "-output", out.toString(), "-volid", "cidata",
                    "-joliet", "-rock"));
        } else if (CommandRunner.find("cloud-localds") != null) {
            argv.addAll(List.of("cloud-localds", out.toString()));
            files = network == null ? files : List.of("--network-config=" + network, files.get(0), files.get(1));
        }
        if (!argv.isEmpty()) {
            argv.addAll(files);
            return argv;
        }
        throw ActionException.failed("no ISO builder installed (genisoimage, xorriso or cloud-localds)");
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
