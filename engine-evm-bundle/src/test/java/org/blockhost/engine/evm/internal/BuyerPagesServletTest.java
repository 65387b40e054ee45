package org.blockhost.engine.evm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.blockhost.provisioner.api.PlanResources;
import org.junit.jupiter.api.Test;

/** The pages servlet serves only its pages and flat asset names; the plans JSON is exact and escaped. */
class BuyerPagesServletTest {

    @Test
    void onlyThePagesAndFlatAssetNamesAreServed() {
        assertEquals("buy.html", BuyerPagesServlet.file("", "/"));
        assertEquals("buy.html", BuyerPagesServlet.file("/", null));
        assertNull(BuyerPagesServlet.file("/no-such-page", null));
        assertNull(BuyerPagesServlet.file("/kit/kit.css", null));
        assertEquals("servers.html", BuyerPagesServlet.file("/servers", null));
        assertEquals("sign.html", BuyerPagesServlet.file("/sign", null));
        assertEquals("buy.js", BuyerPagesServlet.file("/buyer", "/buy.js"));
        assertNull(BuyerPagesServlet.file("/buyer", "/../contracts/manifest.json"));
        assertNull(BuyerPagesServlet.file("/buyer", "/buy.html"), "pages only under their own paths");
        assertNull(BuyerPagesServlet.file("/buyer", "/x/buy.js"));
        assertNull(BuyerPagesServlet.file("/sign", "/extra"));
        for (String f : List.of("buy.html", "servers.html", "sign.html", "buy.js", "servers.js", "sign.js", "buyer.css",
                "THIRD-PARTY-LICENSES.txt")) {
            assertNotNull(BuyerPagesServlet.class.getResource("/buyer/" + f), "built into the bundle: " + f);
        }
    }

    @Test
    void pagesHaveNoInlineScript() throws Exception {
        for (String f : List.of("buy.html", "servers.html", "sign.html")) {
            String html = new String(BuyerPagesServlet.class.getResourceAsStream("/buyer/" + f).readAllBytes());
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), f + " has an inline script");
            assertFalse(html.contains("http://") || html.contains("https://"), f + " loads nothing from elsewhere");
        }
    }

    @Test
    void plansCarryTheExactDailyPriceAndTheHostsResources() {
        PublicOffer.Snapshot s = new PublicOffer.Snapshot(new PublicOffer.Coin("0xAb", "TUSD", 6), List.of(
                new PublicOffer.Plan(1, "basic", 150, BigInteger.valueOf(1_500_000), true),
                new PublicOffer.Plan(2, "</script>\"x", 200, BigInteger.valueOf(2_000_000), true)));
        String json = PublicApiServlet.plansJson(s, Map.of(1L, new PlanResources(1, 512, 4)));
        assertTrue(json.contains("{\"id\":1,\"name\":\"basic\",\"centsPerDay\":150,\"pricePerDay\":\"1500000\",\"active\":true,"
                + "\"resources\":{\"vcpus\":1,\"memoryMib\":512,\"diskGib\":4}}"), json);
        assertTrue(json.contains("\"name\":\"\\u003c/script\\u003e\\\"x\""), json);
        assertTrue(json.contains("\"active\":false,\"resources\":null"), "a plan without resources is not on sale: " + json);
    }

    @Test
    void theChainTellsWalletsHowToAddIt() {
        PublicOffer offer = new PublicOffer(null, "0x" + "11".repeat(20), 31337, "0x" + "22".repeat(20), "0x" + "33".repeat(20), 7,
                new PublicOffer.Network("Dev </script>", "http://127.0.0.1:8545", "ETH"));
        org.blockhost.console.api.HostProfile host = new org.blockhost.console.api.HostProfile() {
            @Override
            public String publicHost() {
                return "localhost";
            }

            @Override
            public Map<Long, PlanResources> planResources() {
                return Map.of();
            }
        };
        String json = new PublicApiServlet(offer, host).chainJson(new PublicOffer.Snapshot(new PublicOffer.Coin("0xAb", "TUSD", 6),
                List.of()));
        assertTrue(json.startsWith("{\"chainId\":31337,\"host\":\"localhost\",\"chainName\":\"Dev \\u003c/script\\u003e\","
                + "\"rpcUrl\":\"http://127.0.0.1:8545\",\"nativeSymbol\":\"ETH\","), json);
        assertTrue(json.contains("\"startBlock\":7,"), "clients read the contracts' logs from the deployment block: " + json);
    }
}
