package org.blockhost.installer.internal.web;

import java.util.Map;

import org.blockhost.rootagent.api.RootAgent;
import org.blockhost.rootagent.api.RootAgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One change of this machine's network by a root-agent action, as the network sub-pages show it: dev mode only plans. */
final class HostChange {
    private static final Logger LOG = LoggerFactory.getLogger(HostChange.class);

    /** The page's status, sentence and kind; {@code applied} when the agent made the change. */
    record Outcome(int status, String sentence, boolean ok, boolean applied) {
    }

    private HostChange() {
    }

    static Outcome run(boolean dev, RootAgent agent, String action, Map<String, Object> params, String plan, String done,
            String failed) {
        if (dev) {
            return new Outcome(200, "Plan (dev mode, nothing changed): " + plan + ".", true, false);
        }
        if (agent == null) {
            return new Outcome(503, "The root agent is not running: nothing was changed.", false, false);
        }
        try {
            agent.call(action, params);
            return new Outcome(200, done + ": " + plan + ".", true, true);
        } catch (RootAgentException e) {
            LOG.warn("{} failed: {}", action, e.getMessage());
            return new Outcome(502, failed + " The previous settings are in place.", false, false);
        }
    }
}
