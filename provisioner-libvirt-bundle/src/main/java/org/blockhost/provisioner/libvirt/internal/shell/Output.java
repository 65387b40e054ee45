package org.blockhost.provisioner.libvirt.internal.shell;

import java.io.PrintStream;

import org.blockhost.provisioner.api.TemplateInfo;

/** Text or JSON output of the template command (JSON written by hand: fixed keys, escaped strings). */
final class Output {
    private Output() {
    }

    static void result(PrintStream out, boolean json, TemplateInfo info, long millis) {
        if (json) {
            out.println("{\"name\":" + quote(info.name()) + ",\"sha256\":" + quote(info.sha256())
                    + ",\"reused\":" + info.reused() + ",\"durationMs\":" + millis + "}");
            return;
        }
        out.println("name:     " + info.name());
        out.println("sha256:   " + info.sha256());
        out.println("reused:   " + (info.reused() ? "yes" : "no"));
        out.println("duration: " + String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0));
    }

    static int error(PrintStream out, boolean json, String message, int status) {
        out.println(json ? "{\"error\":" + quote(message) + "}" : message);
        return status;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
