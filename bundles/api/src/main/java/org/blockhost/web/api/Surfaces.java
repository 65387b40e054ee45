package org.blockhost.web.api;

import org.blockhost.installer.api.WizardStep;

/**
 * The web surfaces. Each is its own servlet context whose {@code handleSecurity} enforces the
 * surface's rule; a servlet selects a context with the {@code *_SELECT} filter and inherits it.
 *
 * <table>
 * <caption>Surfaces</caption>
 * <tr><th>surface</th><th>paths</th><th>who</th></tr>
 * <tr><td>public</td><td>{@code /}, {@code /api/public/*}, {@code /kit/*}</td><td>anyone, read-only</td></tr>
 * <tr><td>setup</td><td>{@code /setup/*}</td><td>the operator with the setup code, until setup is complete</td></tr>
 * <tr><td>admin</td><td>{@code /admin/*}</td><td>the holder of the admin credential, wallet sign-in</td></tr>
 * <tr><td>ops</td><td>{@code /health}, {@code /ready}, {@code /metrics}, {@code /api/plugins}</td>
 * <td>loopback or the configured allow-list</td></tr>
 * </table>
 *
 * <p>Every state-changing request (not GET, HEAD or OPTIONS) needs an {@code Origin} equal to the
 * server's own and, with a session, the session's CSRF token in {@link #CSRF_HEADER} or, for plain
 * HTML forms, in the form field {@link #CSRF_FIELD}. Pages put the token into their forms from the
 * request attribute {@link #CSRF_ATTRIBUTE}.
 */
public final class Surfaces {
    /** Context name of the public surface (path {@code /}). */
    public static final String PUBLIC_NAME = "blockhost.public";
    /** Filter selecting the public surface. */
    public static final String PUBLIC_SELECT = "(osgi.http.whiteboard.context.name=" + PUBLIC_NAME + ")";
    /** Context name of the setup surface; the same context the wizard steps select. */
    public static final String SETUP_NAME = WizardStep.CONTEXT_NAME;
    /** Path of the setup surface. */
    public static final String SETUP_PATH = WizardStep.CONTEXT_PATH;
    /** Filter selecting the setup surface. */
    public static final String SETUP_SELECT = WizardStep.CONTEXT_SELECT;
    /** Context name of the admin surface (path {@link #ADMIN_PATH}). */
    public static final String ADMIN_NAME = "blockhost.admin";
    /** Path of the admin surface. */
    public static final String ADMIN_PATH = "/admin";
    /** Filter selecting the admin surface. */
    public static final String ADMIN_SELECT = "(osgi.http.whiteboard.context.name=" + ADMIN_NAME + ")";
    /** Context name of the ops surface (path {@code /}). */
    public static final String OPS_NAME = "blockhost.ops";
    /** Filter selecting the ops surface. */
    public static final String OPS_SELECT = "(osgi.http.whiteboard.context.name=" + OPS_NAME + ")";
    /** Request attribute holding the CSRF token of the caller's session (absent without one). */
    public static final String CSRF_ATTRIBUTE = "org.blockhost.web.csrf";
    /** Request attribute holding the signed-in subject (wallet address, or "operator" for setup). */
    public static final String SUBJECT_ATTRIBUTE = "org.blockhost.web.subject";
    /** Request attribute, {@code Boolean.TRUE} when the ops surface's caller is on loopback (else redact). */
    public static final String LOOPBACK_ATTRIBUTE = "org.blockhost.web.loopback";
    /** Request header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Form field carrying the CSRF token in plain HTML forms. */
    public static final String CSRF_FIELD = "_csrf";

    private Surfaces() {
    }
}
