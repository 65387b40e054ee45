package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Map;
import java.util.Optional;

import org.blockhost.web.api.Html;

/** The wizard page: a plain form, every value HTML-escaped. */
final class StepPage {
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(SetupForm.URI, "libvirt URI"), Map.entry(SetupForm.VM_DIR, "VM directory"),
            Map.entry(SetupForm.NET_TYPE, "Network type (network or bridge)"),
            Map.entry(SetupForm.NETWORK, "Network or bridge name"),
            Map.entry(SetupForm.MODE, "Network mode: forward (one public address, a port per VM), pool (an address per VM)"
                    + " or dhcp"),
            Map.entry(SetupForm.POOL, "IPv4 address pool (CIDR, or none; the private range in forward mode)"),
            Map.entry(SetupForm.RANGE, "Address range inside the pool (first-last; empty = the whole pool)"),
            Map.entry(SetupForm.GATEWAY, "Gateway of the VMs (empty = the pool's first address)"),
            Map.entry(SetupForm.DNS, "DNS servers of the VMs (comma-separated; empty = the gateway)"),
            Map.entry(SetupForm.GRACE, "Grace days after expiry"));

    private StepPage() {
    }

    static String render(Map<String, Object> current, Map<String, String> errors, boolean saved, String csrf,
            Optional<String> vmBridge) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html lang='en'><head><meta charset='utf-8'>")
                .append("<meta name='viewport' content='width=device-width, initial-scale=1'>")
                .append("<title>Virtual machines (libvirt)</title><link rel='stylesheet' href='/kit/kit.css'></head>")
                .append("<body><main class='bh-page'><p><a href='./'>All setup steps</a></p>")
                .append("<h1>Virtual machines (libvirt)</h1><p>Where the VMs run and how they reach the network.</p>");
        vmBridge.ifPresent(br -> b.append("<p class='bh-info' id='vm-bridge-note'>VMs connect to the bridge <strong>")
                .append(Html.escape(br)).append("</strong> made on the <a href='network'>Network page</a>. Finishing the setup sets ")
                .append("the network type to bridge and the name to ").append(Html.escape(br))
                .append(", whatever the two network fields below say.</p>"));
        if (saved) {
            b.append("<p class='saved bh-ok' role='status'>Saved.</p>");
        }
        if (!errors.isEmpty()) {
            b.append("<ul class='errors bh-error' role='alert'>");
            errors.values().forEach(m -> b.append("<li>").append(Html.escape(m)).append("</li>"));
            b.append("</ul>");
        }
        b.append("<form method='post' class='bh-form'><input type='hidden' name='_csrf' value='").append(Html.escape(csrf)).append("'>");
        for (String f : SetupForm.fields()) {
            if (f.equals(SetupForm.VM_DIR)) {
                continue; // asked on the Storage page
            }
            Object v = current.get(SetupForm.property(f));
            String id = "f-" + f.replaceAll("[^a-z0-9]", "-");
            b.append("<label for='").append(id).append("'>").append(Html.escape(LABELS.get(f))).append("</label><input id='")
                    .append(id).append("' name='").append(f).append("' value='").append(Html.escape(v == null ? "" : v.toString()))
                    .append("'");
            if (errors.containsKey(f)) {
                b.append(" aria-invalid='true' aria-describedby='").append(id).append("-error'><p class='bh-field-error' id='")
                        .append(id).append("-error'>").append(Html.escape(errors.get(f))).append("</p>");
            } else {
                b.append('>');
            }
        }
        return b.append("<button type='submit' class='bh-button bh-primary'>Save</button></form></main></body></html>").toString();
    }
}
