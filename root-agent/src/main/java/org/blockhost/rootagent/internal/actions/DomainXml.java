package org.blockhost.rootagent.internal.actions;

import org.blockhost.rootagent.internal.action.Args;

/**
 * Renders the agent's own domain template from validated, typed arguments. No caller-supplied XML
 * is ever used; every value is escaped although the validators already exclude markup.
 */
public final class DomainXml {
    static final String QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

    private DomainXml() {
    }

    /** @param virtType {@code kvm}, {@code qemu}, or {@code test} for libvirt's test driver */
    public static String render(Args a, String virtType) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<domain type='").append(esc(virtType)).append("'");
        boolean fwd = a.has("loopback_ssh_port");
        if (fwd) {
            x.append(" xmlns:qemu='").append(QEMU_NS).append("'");
        }
        x.append(">\n  <name>").append(esc(a.str("name"))).append("</name>\n")
                .append("  <memory unit='MiB'>").append(a.num("memory_mib")).append("</memory>\n")
                .append("  <vcpu>").append(a.num("vcpus")).append("</vcpu>\n")
                .append("  <os><type arch='x86_64'>hvm</type><boot dev='hd'/></os>\n")
                .append("  <features><acpi/></features>\n")
                .append("  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>\n")
                .append("  <devices>\n");
        devices(x, a);
        x.append("  </devices>\n");
        if (fwd) {
            x.append("  <qemu:commandline>\n")
                    .append("    <qemu:arg value='-netdev'/><qemu:arg value='user,id=bhfwd0,hostfwd=tcp:127.0.0.1:")
                    .append(a.num("loopback_ssh_port")).append("-:22'/>\n")
                    .append("    <qemu:arg value='-device'/><qemu:arg value='virtio-net-pci,netdev=bhfwd0,addr=0x1e'/>\n")
                    .append("  </qemu:commandline>\n");
        }
        return x.append("</domain>\n").toString();
    }

    private static void devices(StringBuilder x, Args a) {
        if (a.has("disk")) {
            x.append("    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='")
                    .append(esc(a.path("disk").toString())).append("'/><target dev='vda' bus='virtio'/></disk>\n");
        }
        if (a.has("seed")) {
            x.append("    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='")
                    .append(esc(a.path("seed").toString())).append("'/><target dev='sda' bus='sata'/><readonly/></disk>\n");
        }
        if (a.has("network")) {
            boolean bridge = "bridge".equals(a.str("net_type"));
            x.append("    <interface type='").append(bridge ? "bridge" : "network").append("'><source ")
                    .append(bridge ? "bridge" : "network").append("='").append(esc(a.str("network"))).append("'/>");
            if (a.has("mac")) {
                x.append("<mac address='").append(esc(a.str("mac"))).append("'/>");
            }
            if (a.str("name").startsWith("blockhost-")) {
                // a fixed host-side NIC name: tenant isolation binds to it (TenantIsolation)
                x.append("<target dev='").append(TenantIsolation.port(a.str("name"))).append("'/>");
            }
            x.append("<model type='virtio'/></interface>\n");
        }
        if (a.bool("guest_agent")) {
            x.append("    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>\n");
        }
        x.append("    <serial type='pty'/><console type='pty'/>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
