package org.blockhost.provisioner.proxmox.internal.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a multipart/form-data body: text fields into the parameters, the file part's name as its value. */
final class MultipartForm {
    private static final Pattern DISPOSITION = Pattern.compile("name=\"([^\"]*)\"(; filename=\"([^\"]*)\")?");

    private MultipartForm() {
    }

    /** Fills {@code params}; answers the file's bytes (null when there is no file part). */
    static byte[] parse(byte[] body, String boundary, Map<String, List<String>> params) {
        String all = new String(body, StandardCharsets.ISO_8859_1);
        byte[] file = null;
        for (String part : all.split("--" + Pattern.quote(boundary))) {
            int head = part.indexOf("\r\n\r\n");
            if (head < 0) {
                continue;
            }
            Matcher m = DISPOSITION.matcher(part.substring(0, head));
            if (!m.find()) {
                continue;
            }
            String content = part.substring(head + 4, Math.max(head + 4, part.length() - 2));
            if (m.group(3) != null) {
                params.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3));
                file = content.getBytes(StandardCharsets.ISO_8859_1);
            } else {
                params.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                        .add(new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
        return file;
    }
}
