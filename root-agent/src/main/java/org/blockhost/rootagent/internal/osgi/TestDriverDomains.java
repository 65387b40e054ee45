package org.blockhost.rootagent.internal.osgi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.actions.LibvirtGateway;
import org.blockhost.rootagent.internal.path.SmallFiles;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode on libvirt's test driver, whose domains live only as long as the process holds a
 * connection: every domain an action touches is recorded as {@code <dir>/<name>.xml} (its
 * persistent definition) and {@code <dir>/<name>.state} ({@code running}, {@code paused},
 * {@code saved} (managed save) or {@code shutoff}), each written atomically; an undefined domain's files are removed (also what its
 * test-driver guest was told, {@code <name>.gecos} and {@code <name>.guest}). When the
 * agent starts, the recorded domains are defined again and brought back to their state.
 */
final class TestDriverDomains {
    private static final Logger LOG = LoggerFactory.getLogger(TestDriverDomains.class);
    /** The actions after which a domain's record is refreshed. */
    static final Set<String> ACTIONS = Set.of("vm-define", "vm-start", "vm-shutdown", "vm-destroy", "vm-suspend",
            "vm-resume", "vm-undefine");
    private static final Pattern NAME = Pattern.compile(ActionTable.VM_NAME);
    private static final int XML_INACTIVE = 2;
    private final Path dir;
    private final LibvirtGateway libvirt;

    TestDriverDomains(Path dir, LibvirtGateway libvirt) {
        this.dir = dir;
        this.libvirt = libvirt;
    }

    /** Records {@code name}'s definition and state, or forgets it when the domain is gone. */
    synchronized void record(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return;
        }
        try {
            Connect c = libvirt.connection();
            Domain d = lookup(c, name);
            if (d == null) {
                for (String ext : new String[] {".state", ".xml", ".gecos", ".guest"}) {
                    Files.deleteIfExists(dir.resolve(name + ext));
                }
                return;
            }
            try {
                Files.createDirectories(dir);
                write(name + ".xml", d.getXMLDesc(XML_INACTIVE));
                write(name + ".state", stateOf(d) + "\n");
            } finally {
                LibvirtGateway.free(d);
            }
        } catch (ActionException | LibvirtException | IOException e) {
            LOG.warn("test driver: could not record domain {}: {}", name, e.getMessage());
        }
    }

    /** Defines the recorded domains again and restores their state; returns how many were restored. */
    synchronized int restore() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path xml : ds) {
                String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
                if (NAME.matcher(name).matches() && restoreOne(name, xml)) {
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.warn("test driver: cannot read {}: {}", dir, e.getMessage());
        }
        LOG.info("test driver: restored {} domain(s) from {}", n, dir);
        return n;
    }

    private boolean restoreOne(String name, Path xmlFile) {
        try {
            String xml = read(xmlFile);
            String state = read(dir.resolve(name + ".state")).trim();
            if (!xml.contains("<name>" + name + "</name>")) {
                throw new IOException("definition does not name " + name);
            }
            Connect c = libvirt.connection();
            Domain d = lookup(c, name);
            if (d == null) {
                d = c.domainDefineXML(xml);
            }
            try {
                apply(d, state);
            } finally {
                LibvirtGateway.free(d);
            }
            return true;
        } catch (ActionException | LibvirtException | IOException e) {
            LOG.warn("test driver: domain {} not restored: {}", name, e.getMessage());
            return false;
        }
    }

    private static void apply(Domain d, String state) throws LibvirtException, IOException {
        switch (state) {
            case "running" -> start(d);
            case "paused" -> {
                start(d);
                if (d.getInfo().state != DomainState.VIR_DOMAIN_PAUSED) {
                    d.suspend();
                }
            }
            case "saved" -> {
                if (d.hasManagedSaveImage() != 1) {
                    start(d);
                    d.managedSave();
                }
            }
            case "shutoff" -> {
                if (d.isActive() != 0) {
                    d.destroy();
                }
            }
            default -> throw new IOException("unknown recorded state");
        }
    }

    private static void start(Domain d) throws LibvirtException {
        if (d.isActive() == 0) {
            d.create();
        }
    }

    static String stateOf(Domain d) throws LibvirtException {
        DomainState s = d.getInfo().state;
        return switch (s) {
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> "paused";
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> "running";
            default -> d.hasManagedSaveImage() == 1 ? "saved" : "shutoff";
        };
    }

    private static Domain lookup(Connect c, String name) {
        try {
            return c.domainLookupByName(name);
        } catch (LibvirtException e) {
            return null;
        }
    }

    private static String read(Path p) throws IOException {
        return SmallFiles.read(p);
    }

    private void write(String file, String content) throws IOException {
        SmallFiles.replace(dir, file, content);
    }
}
