package org.blockhost.provisioner.libvirt.internal.wizard;

import java.util.Optional;

import org.blockhost.installer.api.SetupService;
import org.blockhost.web.api.Html;
import org.blockhost.web.api.Surfaces;

/** The Storage page: one question (where VM disks live), its free space and what it must hold. */
final class StoragePage {
    private StoragePage() {
    }

    /** What the page shows; {@code space} of the shown directory when it can be read. */
    record View(String csrf, String value, Optional<StorageCheck.Space> space, StorageCheck.Need need, String error,
            boolean saved) {
    }

    static String render(View v) {
        StringBuilder b = new StringBuilder(2048).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Storage - BlockHost setup</title>"
                + "<link rel=\"stylesheet\" href=\"/kit/kit.css\"></head><body><header class=\"bh-header\"><a class=\"bh-brand\""
                + " href=\"./\">BlockHost setup</a></header><main class=\"bh-page\"><p><a href=\"./\">All setup steps</a></p>"
                + "<h1>Storage for the VMs</h1><p>Where the VMs' disks live. Each VM's disk starts as a thin copy of the"
                + " template and grows up to its plan's size, so choose a directory on your largest disk.</p>");
        if (v.saved()) {
            b.append("<p class=\"bh-ok\" role=\"status\">Saved. Next: <a href=\"evm-chain\">the blockchain</a>.</p>");
        } else if (v.error() != null) {
            b.append("<p class=\"bh-error\" role=\"alert\">Nothing was saved: correct the field marked below.</p>");
        }
        b.append("<dl class=\"bh-tiles\"><div class=\"bh-tile\"><dt>Free space there</dt><dd id=\"free\">")
                .append(v.space().map(s -> StorageCheck.gib(s.usable())).orElse("unknown")).append("</dd><dd class=\"bh-hint\">")
                .append(v.space().map(s -> "of " + StorageCheck.gib(s.total())).orElse("no such directory"))
                .append("</dd></div><div class=\"bh-tile\"><dt>Needed at least</dt><dd id=\"need\">")
                .append(StorageCheck.gib(v.need().bytes())).append("</dd><dd class=\"bh-hint\">the template (")
                .append(StorageCheck.gib(v.need().templateBytes())).append(") and one disk of the largest plan (")
                .append(v.need().planDiskGib()).append(" GiB)</dd></div></dl>");
        b.append("<form method=\"post\" class=\"bh-form\"><input type=\"hidden\" name=\"").append(Surfaces.CSRF_FIELD)
                .append("\" value=\"").append(Html.escape(v.csrf())).append("\"><label for=\"vmDir\">VM disk directory</label>")
                .append("<p class=\"bh-hint\" id=\"vmDir-hint\">An existing directory where the VM disks go (the root agent writes them), like"
                        + " /var/lib/blockhost/vms.</p><input id=\"vmDir\" name=\"vmDir\" spellcheck=\"false\" autocomplete=\"off\""
                        + " class=\"bh-mono\" value=\"").append(Html.escape(v.value())).append("\" aria-describedby=\"vmDir-hint");
        if (v.error() != null) {
            b.append(" vmDir-error\" aria-invalid=\"true\"><p class=\"bh-field-error\" id=\"vmDir-error\">")
                    .append(Html.escape(sentence(v.error()))).append("</p>");
        } else {
            b.append("\">");
        }
        return b.append("<button type=\"submit\" class=\"bh-primary\">Check and save</button></form></main></body></html>")
                .toString();
    }

    /** The check's message without the field name, starting with a capital. */
    static String sentence(String error) {
        String m = SetupService.withoutField(error);
        return m.isEmpty() ? error : Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : ".");
    }
}
