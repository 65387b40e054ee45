package org.blockhost.provisioner.proxmox.internal.pve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** A {@code multipart/form-data} body: text fields, then one file streamed from disk. */
final class Multipart {
    private final Params fields;
    private final String fileField;
    private final Path file;
    private final String boundary;

    Multipart(Params fields, String fileField, Path file) {
        this.fields = fields;
        this.fileField = fileField;
        this.file = file;
        byte[] r = new byte[16];
        new SecureRandom().nextBytes(r);
        this.boundary = "blockhost-" + HexFormat.of().formatHex(r);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    void writeTo(OutputStream out) throws IOException {
        for (Map.Entry<String, String> f : fields.entries()) {
            text(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        text(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
        text(out, "\r\n--" + boundary + "--\r\n");
    }

    private static void text(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
