package org.blockhost.provisioner.api;

/** A built template: its name, the SHA-256 of its image and whether an existing build was reused. */
public record TemplateInfo(String name, String sha256, boolean reused) {
}
