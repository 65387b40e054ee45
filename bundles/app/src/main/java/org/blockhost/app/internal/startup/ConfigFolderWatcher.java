package org.blockhost.app.internal.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Hashtable;

import org.blockhost.platform.api.RuntimeLayout;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes FileInstall watch the configuration directory too: every {@code <pid>.cfg} there is
 * applied live through Config Admin. (The plugins folder is FileInstall's main directory, set by
 * the launcher.)
 */
@Component(immediate = true)
public final class ConfigFolderWatcher {
    static final String FILEINSTALL_FACTORY = "org.apache.felix.fileinstall";
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFolderWatcher.class);

    @Activate
    public ConfigFolderWatcher(@Reference ConfigurationAdmin admin, BundleContext context) throws IOException {
        RuntimeLayout layout = RuntimeLayout.from(context::getProperty);
        Files.createDirectories(layout.configDir());
        Configuration config = admin.getFactoryConfiguration(FILEINSTALL_FACTORY, "blockhost-config", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("felix.fileinstall.dir", layout.configDir().toString());
        props.put("felix.fileinstall.filter", ".*\\.cfg");
        props.put("felix.fileinstall.poll", "1000");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.enableConfigSave", "false");
        config.updateIfDifferent(props);
        LOG.info("configuration directory {} applied live", layout.configDir());
    }
}
