package org.blockhost.rootagent.internal.action;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.blockhost.rootagent.internal.path.Confinement;

/** A path parameter confined to one of BlockHost's directories (see {@link Params#path}). */
final class PathParam extends Param {
    private final Confinement.Root root;
    private final boolean mustExist;
    private final Pattern fileName;

    PathParam(String name, Confinement.Root root, boolean mustExist, Pattern fileName) {
        super(name);
        this.root = root;
        this.mustExist = mustExist;
        this.fileName = fileName;
    }

    @Override
    public String describe() {
        return (mustExist ? "an existing file" : "a new file") + " in the " + root.label()
                + " directory named like " + fileName.pattern();
    }

    @Override
    protected Object check(JsonNode value, AgentConfig config) throws ActionException {
        if (!value.isTextual()) {
            throw invalid();
        }
        Confinement confinement = config.confinement(root);
        try {
            return mustExist
                    ? confinement.existingFile(value.textValue(), fileName)
                    : confinement.newFile(value.textValue(), fileName);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + "; expected " + describe());
        }
    }
}
