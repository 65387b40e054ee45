package org.blockhost.rootagent.internal.template;

import java.io.IOException;
import java.nio.file.Path;

/** Builds a template image for a recipe inside a scratch directory. */
interface ImageBuilder {
    /** Builds {@code recipe} in {@code work} and returns the finished qcow2 (inside {@code work}). */
    Path build(Recipe recipe, Path work) throws IOException;
}
