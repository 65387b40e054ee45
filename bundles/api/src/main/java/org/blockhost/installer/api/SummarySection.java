package org.blockhost.installer.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A section of the wizard's summary page, contributed by the bundle that owns the answers (the
 * engine, the provisioner). Sections are ordered by {@link #order()}; each entry links back to the
 * page where the value is edited.
 */
@ConsumerType
public interface SummarySection {

    /** One line of the summary; {@code editPath} is relative to the installer context ({@code /evm-chain}). */
    record Entry(String label, String value, String editPath) {
        public Entry {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(editPath, "editPath");
        }
    }

    /** Section title ("Blockchain (EVM)"). */
    String title();

    /** Position among the sections; lower comes first. */
    int order();

    /** The entries for these answers (never secrets: keys appear as key-file paths or addresses). */
    List<Entry> entries(Map<String, String> answers);
}
