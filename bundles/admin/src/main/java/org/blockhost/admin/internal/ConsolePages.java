package org.blockhost.admin.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's pages ({@code /admin/overview}, {@code /vms}, {@code /pipeline}, {@code /audit}):
 * an HTML frame each, filled by its ES module from {@code /admin/assets/} through the JSON API.
 * The admin context answers 401 without a session, so the pages need no check of their own.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern({"/overview", "/vms", "/pipeline", "/plugins", "/wallet", "/plans", "/settings", "/audit"})
public final class ConsolePages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A page: path, navigation label, title and the sentence saying what it is for. */
    record Page(String path, String label, String title, String lead) {
    }

    static final List<Page> PAGES = List.of(
            new Page("overview", "Overview", "Overview",
                    "How this host is doing right now: plugins, the chain watcher, purchases on their way and VMs by state."),
            new Page("vms", "VMs", "Virtual machines",
                    "Every VM this host runs for a subscription. Find one, then start, stop, suspend, resume, hold or destroy it."
                            + " Below, the warm pool: VMs booted ahead so a purchase is ready in seconds."),
            new Page("pipeline", "Pipeline", "Purchases in the pipeline",
                    "Purchases that are not running yet. A parked one stopped after its retries and waits for you: fix the cause, then retry."),
            new Page("plugins", "Plugins", "Plugins",
                    "The engine (chain) and provisioner (hypervisor) bundles this host runs, and how to swap one."),
            new Page("wallet", "Wallet", "Host wallet",
                    "The wallet this host pays gas from, with its balances as the chain reports them now. Send gas from it,"
                            + " or withdraw buyers' payments from the subscriptions contract to its payout address."),
            new Page("plans", "Plans", "Plans and settings",
                    "What this host sells: each plan's price per day, on sale or retired. Create a plan, change a price or"
                            + " retire a plan; running subscriptions keep their VMs."),
            new Page("settings", "Settings", "Settings",
                    "Admin commands from the chain: whether they act, which ports a knock opens and for how long;"
                            + " send a knock from your wallet and see what the host did with each command; the HTTPS certificate."),
            new Page("audit", "Audit log", "Audit log",
                    "Every admin action, sign-in and automatic change, newest first, with who did it and from where."));
    private static final Map<String, Page> BY_PATH = PAGES.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(p -> "/" + p.path(), p -> p));

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Page page = BY_PATH.get(req.getServletPath());
        if (page == null || req.getPathInfo() != null) {
            resp.sendError(404);
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(html(page));
    }

    static String html(Page page) {
        StringBuilder nav = new StringBuilder();
        for (Page p : PAGES) {
            nav.append("<li><a href=\"/admin/").append(p.path()).append('"')
                    .append(p == page ? " aria-current=\"page\"" : "").append('>').append(p.label()).append("</a></li>");
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + page.title()
                + " - BlockHost admin</title><link rel=\"stylesheet\" href=\"/kit/kit.css\">"
                + "<script type=\"module\" src=\"/admin/assets/" + page.path() + ".js\"></script></head><body>"
                + "<a class=\"bh-skip\" href=\"#main\">Skip to content</a>"
                + "<header class=\"bh-header\"><span class=\"bh-brand\">BlockHost admin</span>"
                + "<nav aria-label=\"Console\"><ul class=\"bh-nav\">" + nav + "</ul></nav>"
                + "<span class=\"bh-session\"><span id=\"wallet\" class=\"bh-mono\"></span>"
                + "<button id=\"signout\" type=\"button\" class=\"bh-button\">Sign out</button></span></header>"
                + "<main id=\"main\" class=\"bh-page bh-wide\"><h1>" + page.title() + "</h1><p>" + page.lead() + "</p>"
                + "<p id=\"updated\" class=\"bh-hint\" aria-live=\"off\"></p>"
                + "<div id=\"content\" aria-busy=\"true\"><p>Loading…</p></div></main>"
                + "<div id=\"toasts\" class=\"bh-toasts\" role=\"status\" aria-live=\"polite\"></div></body></html>";
    }
}
