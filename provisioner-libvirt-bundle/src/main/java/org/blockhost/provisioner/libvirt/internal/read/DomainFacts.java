package org.blockhost.provisioner.libvirt.internal.read;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What the provisioner needs from a domain description that libvirt returns: disk files and their
 * targets, NIC MACs and device names, the loopback SSH forward port. Parsed with DTDs and external
 * entities disabled; anything unreadable is an error, not a guess.
 */
public record DomainFacts(List<Disk> disks, List<Nic> nics, OptionalInt loopbackSshPort) {
    private static final Pattern HOSTFWD = Pattern.compile("hostfwd=tcp:127\\.0\\.0\\.1:([0-9]{4,5})-:22");

    public record Disk(String file, String target) {
    }

    public record Nic(String mac, String device) {
    }

    public static DomainFacts parse(String xml) {
        Document doc = document(xml);
        List<Disk> disks = new ArrayList<>();
        NodeList dl = doc.getElementsByTagName("disk");
        for (int i = 0; i < dl.getLength(); i++) {
            Element d = (Element) dl.item(i);
            disks.add(new Disk(attr(d, "source", "file"), attr(d, "target", "dev")));
        }
        List<Nic> nics = new ArrayList<>();
        NodeList il = doc.getElementsByTagName("interface");
        for (int i = 0; i < il.getLength(); i++) {
            Element n = (Element) il.item(i);
            nics.add(new Nic(attr(n, "mac", "address"), attr(n, "target", "dev")));
        }
        return new DomainFacts(List.copyOf(disks), List.copyOf(nics), forwardPort(doc));
    }

    private static OptionalInt forwardPort(Document doc) {
        NodeList args = doc.getElementsByTagNameNS("*", "arg");
        for (int i = 0; i < args.getLength(); i++) {
            Matcher m = HOSTFWD.matcher(((Element) args.item(i)).getAttribute("value"));
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                if (port >= 1024 && port <= 65535) {
                    return OptionalInt.of(port);
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String attr(Element parent, String child, String attribute) {
        NodeList l = parent.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : ((Element) l.item(0)).getAttribute(attribute);
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable domain description", e);
        }
    }
}
