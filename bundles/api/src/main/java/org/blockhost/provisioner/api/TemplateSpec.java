package org.blockhost.provisioner.api;

import java.util.List;
import java.util.regex.Pattern;

/** A guest template recipe: a name and the Debian packages added to the base set. */
public record TemplateSpec(String name, List<String> extraPackages) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,100}");

    public TemplateSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid template name: " + name);
        }
        extraPackages = List.copyOf(extraPackages);
        for (String p : extraPackages) {
            if (!PACKAGE.matcher(p).matches()) {
                throw new IllegalArgumentException("invalid Debian package name: " + p);
            }
        }
    }
}
