package org.blockhost.rootagent.internal.actions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nftables evaluates every base chain on a hook: an {@code accept} ends only its own chain, and a
 * drop in another table (the operator's default-drop input chain) still wins. So an opening must
 * be accepted inside every input base chain. BlockHost's own chain (first on the hook) marks
 * packets that match a live element with {@link #MARK}; into every other table's input base chain
 * this class inserts, at the top and once, {@code meta mark & MARK == MARK accept} with the comment
 * {@link #COMMENT}. It is re-checked at every opening, so a reloaded operator ruleset gets it back.
 */
final class FirewallHooks {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallHooks.class);
    /** One bit of the packet mark, owned by BlockHost. */
    static final String MARK = "0x40000000";
    static final String CLEAR = "0xbfffffff";
    static final String COMMENT = "blockhost-allow";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** For nft's own output (nests deeper than the protocol's strict parser allows). */
    private static final ObjectMapper TOOL_JSON = new ObjectMapper();
    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet");

    private FirewallHooks() {
    }

    /** The nft script inserting the accept rule into every foreign input base chain lacking it. */
    static String missingAccepts(AgentContext ctx) throws ActionException {
        String out = ctx.runner().runOk(List.of("nft", "-j", "list", "ruleset"), null, ctx.config().commandTimeout())
                .stdout();
        JsonNode items;
        try {
            items = TOOL_JSON.readTree(out).path("nftables");
        } catch (IOException e) {
            throw ActionException.failed("nft -j list ruleset gave no readable answer");
        }
        Set<String> done = new HashSet<>();
        List<String> chains = new ArrayList<>();
        for (JsonNode i : items) {
            JsonNode r = i.path("rule");
            if (COMMENT.equals(r.path("comment").asText())) {
                done.add(id(r.path("family").asText(), r.path("table").asText(), r.path("chain").asText()));
            }
            JsonNode c = i.path("chain");
            if ("input".equals(c.path("hook").asText()) && FAMILIES.contains(c.path("family").asText())
                    && !ours(c, ctx)) {
                chains.add(id(c.path("family").asText(), c.path("table").asText(), c.path("name").asText()));
            }
        }
        StringBuilder script = new StringBuilder();
        for (String c : chains) {
            if (!done.contains(c)) {
                script.append("insert rule ").append(c).append(" meta mark & ").append(MARK).append(" == ")
                        .append(MARK).append(" accept comment \"").append(COMMENT).append("\"\n");
            }
        }
        return script.toString();
    }

    private static boolean ours(JsonNode chain, AgentContext ctx) {
        return "inet".equals(chain.path("family").asText()) && ctx.config().nftTable().equals(chain.path("table").asText());
    }

    private static String id(String family, String table, String chain) throws ActionException {
        if (!NAME.matcher(table).matches() || !NAME.matcher(chain).matches()) {
            LOG.warn("nftables chain with an unusual name cannot be given BlockHost's accept rule");
            throw ActionException.failed("an input chain of the host's ruleset has a name the agent will not quote");
        }
        return family + " " + table + " " + chain;
    }
}
