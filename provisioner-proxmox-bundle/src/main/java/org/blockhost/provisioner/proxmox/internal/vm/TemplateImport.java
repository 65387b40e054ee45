package org.blockhost.provisioner.proxmox.internal.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.proxmox.internal.Settings;
import org.blockhost.provisioner.proxmox.internal.pve.Params;
import org.blockhost.provisioner.proxmox.internal.pve.PveClient;
import org.blockhost.provisioner.proxmox.internal.pve.PveException;
import org.blockhost.provisioner.proxmox.internal.pve.Tasks;

/**
 * Imports the BlockHost image as a PVE template on every node in scope that has none of that name
 * (one node with {@code sharedTemplate}): upload to {@code importStorage} (content {@code import},
 * SHA-256 checked by PVE), create a VM importing the disk ({@code import-from}) with a cloud-init
 * drive, guest agent and serial console, record the SHA-256 in its description, convert it to a
 * template. The image is {@code <templateImageDir>/<name>.current}'s file, else {@code <name>.qcow2}.
 */
public final class TemplateImport {
    private static final String FILE = "[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.qcow2";
    private final Settings settings;
    private final PveClient pve;
    private final Tasks tasks;

    public TemplateImport(Settings settings, PveClient pve, Tasks tasks) {
        this.settings = settings;
        this.pve = pve;
        this.tasks = tasks;
    }

    /** Told where an import is: node, phase ({@code upload}, {@code import}, {@code convert}) and percent. */
    @FunctionalInterface
    public interface Phases {
        Phases NONE = (node, phase, percent) -> { };

        void at(String node, String phase, int percent);
    }

    public TemplateInfo run(ClusterView v, String name, List<String> nodes) throws ProvisionerException, PveException {
        return run(v, name, nodes, Phases.NONE);
    }

    /** Imports to each node; the import phase's percentage comes from the PVE task's log. */
    public TemplateInfo run(ClusterView v, String name, List<String> nodes, Phases phases) throws ProvisionerException, PveException {
        Path image = image(name);
        String sha = sha256(image);
        String file = name + "-" + sha.substring(0, 16) + ".qcow2";
        for (String node : nodes) {
            String at = "/nodes/" + Params.enc(node);
            phases.at(node, "upload", 0);
            tasks.await(pve.upload(at + "/storage/" + Params.enc(settings.importStorage()) + "/upload",
                    Params.of().add("content", "import").add("checksum", sha).add("checksum-algorithm", "sha256"),
                    "filename", copyAs(image, file)));
            phases.at(node, "import", 0);
            int vmid = pve.get("/cluster/nextid", Params.of()).asInt();
            tasks.await(pve.post(at + "/qemu", Params.of().add("vmid", vmid).add("name", name).add("pool", settings.pool())
                    .add("cores", 1).add("memory", 512).add("agent", "1").add("ostype", "l26")
                    .add("scsihw", "virtio-scsi-single").add("serial0", "socket").add("boot", "order=" + settings.disk())
                    .add(settings.disk(), settings.storage() + ":0,import-from=" + settings.importStorage() + ":import/" + file)
                    .add("ide2", settings.storage() + ":cloudinit").add("net0", "virtio,bridge=" + settings.bridge())
                    .add("description", "BlockHost template sha256=" + sha)), pct -> phases.at(node, "import", pct));
            phases.at(node, "convert", 0);
            tasks.await(pve.post(at + "/qemu/" + vmid + "/template", Params.of()));
            phases.at(node, "convert", 100);
        }
        return new TemplateInfo(name, sha, false);
    }

    private Path image(String name) throws ProvisionerException {
        Path dir = settings.templateImageDir();
        Path current = dir.resolve(name + ".current");
        try {
            String file = Files.exists(current) ? Files.readString(current, StandardCharsets.UTF_8).strip() : name + ".qcow2";
            if (!file.matches(FILE) || !Files.isRegularFile(dir.resolve(file))) {
                throw new ProvisionerException("no template image for " + name + " in " + dir
                        + " (build it with 'blockhost template build' first)", false);
            }
            return dir.resolve(file);
        } catch (IOException e) {
            throw new ProvisionerException("cannot read " + current + ": " + e.getMessage(), true, e);
        }
    }

    /** The upload names the file after its content: a link (or copy) under that name in a temporary directory. */
    private static Path copyAs(Path image, String file) throws ProvisionerException {
        try {
            Path dir = Files.createTempDirectory("blockhost-pve-upload");
            dir.toFile().deleteOnExit();
            Path target = dir.resolve(file);
            try {
                Files.createSymbolicLink(target, image.toAbsolutePath());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(image, target);
            }
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new ProvisionerException("cannot stage " + image + " for upload: " + e.getMessage(), true, e);
        }
    }

    static String sha256(Path file) throws ProvisionerException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ProvisionerException("cannot read " + file + ": " + e.getMessage(), true, e);
        }
    }
}
