package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.ActionTable;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.blockhost.rootagent.internal.action.Args;
import org.blockhost.rootagent.internal.path.ConfinedPath;
import org.blockhost.rootagent.internal.path.Confinement;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * vm-undefine: stops the domain if needed, undefines it and deletes its disk files — only files
 * that resolve inside the VM directory and have an overlay or seed name; anything else is kept.
 */
final class VmUndefine {
    /** {@code VIR_DOMAIN_UNDEFINE_MANAGED_SAVE}: without it libvirt refuses to undefine a suspended (saved) domain. */
    private static final int UNDEFINE_MANAGED_SAVE = 1;
    private static final Pattern DISK_FILE = Pattern.compile(ActionTable.OVERLAY_FILE + "|" + ActionTable.SEED_FILE);

    private VmUndefine() {
    }

    static Map<String, Object> undefine(Args args, AgentContext ctx) throws ActionException {
        String name = args.str("name");
        Domain d;
        try {
            d = ctx.libvirt().connection().domainLookupByName(name);
        } catch (LibvirtException e) {
            return Map.of("name", name, "existed", false, "removed", List.of());
        }
        try {
            List<String> files = diskFiles(d.getXMLDesc(0));
            if (d.isActive() != 0) {
                d.destroy();
            }
            d.undefine(UNDEFINE_MANAGED_SAVE); // a suspended VM's memory image goes with it
            List<String> removed = args.bool("remove_disks") ? remove(files, ctx) : List.of();
            return Map.of("name", name, "existed", true, "removed", removed);
        } catch (LibvirtException e) {
            throw ActionException.failed("undefine " + name + " failed: " + LibvirtGateway.msg(e));
        } finally {
            LibvirtGateway.free(d);
        }
    }

    private static List<String> remove(List<String> files, AgentContext ctx) {
        Confinement vms = ctx.config().confinement(Confinement.Root.VMS);
        List<String> removed = new ArrayList<>();
        for (String f : files) {
            try {
                ConfinedPath p = vms.existingFile(f, DISK_FILE);
                Files.delete(p.path());
                removed.add(p.toString());
            } catch (IllegalArgumentException | IOException e) {
                // not ours to delete, or already gone
            }
        }
        return removed;
    }

    static List<String> diskFiles(String xml) throws ActionException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            NodeList disks = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)))
                    .getElementsByTagName("disk");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < disks.getLength(); i++) {
                NodeList src = ((Element) disks.item(i)).getElementsByTagName("source");
                if (src.getLength() > 0 && ((Element) src.item(0)).hasAttribute("file")) {
                    out.add(((Element) src.item(0)).getAttribute("file"));
                }
            }
            return out;
        } catch (Exception e) {
            throw ActionException.failed("could not read the domain's disks: " + e.getClass().getSimpleName());
        }
    }
}
