package org.blockhost.admin.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.blockhost.platform.api.AuditTrail;
import org.blockhost.web.api.CertificateRejectedException;
import org.blockhost.web.api.Surfaces;
import org.blockhost.web.api.TlsEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /admin/api/tls}: the certificate HTTPS serves now ({@link TlsEndpoint}): subject, names,
 * issuer, validity and SHA-256 fingerprint; 503 with a sentence while HTTPS is off.
 * {@code POST /admin/api/tls {"chain", "key"}} (PEM text, body at most {@value #MAX_BODY} bytes):
 * replaces it live ({@link TlsEndpoint#replace}); 200 with the new details, 400 with the endpoint's
 * sentence (nothing changed); audited {@code admin.tls.replace} with the fingerprint, never the key.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(Surfaces.ADMIN_SELECT)
@HttpWhiteboardServletPattern("/api/tls")
public final class TlsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 160 * 1024;
    private final transient AuditTrail trail;
    private transient volatile TlsEndpoint endpoint;

    @Activate
    public TlsServlet(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindEndpoint(TlsEndpoint e) {
        endpoint = e;
    }

    void unbindEndpoint(TlsEndpoint e) {
        if (endpoint == e) {
            endpoint = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TlsEndpoint e = endpoint;
        if (e == null) {
            Api.error(resp, 503, "HTTPS is not serving, so there is no certificate to show.");
            return;
        }
        try {
            Map<String, Object> out = details(e.certificate());
            out.put("fingerprint", e.fingerprint());
            out.put("url", e.httpsUrl());
            Api.send(resp, 200, out);
        } catch (CertificateException ex) {
            Api.error(resp, 503, "The served certificate cannot be read.");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TlsEndpoint e = endpoint;
        if (e == null) {
            Api.error(resp, 503, "HTTPS is not serving, so there is no certificate to replace.");
            return;
        }
        String fingerprint;
        try {
            Map<String, Object> body = Api.body(req, MAX_BODY);
            if (!(body.get("chain") instanceof String chain) || !(body.get("key") instanceof String key)) {
                throw new Api.BadRequest("Send the certificate chain and the private key as PEM text.");
            }
            fingerprint = e.replace(chain, key);
        } catch (Api.BadRequest | CertificateRejectedException ex) {
            AdminAudit.record(trail, req, "tls certificate", "tls.replace", "refused: " + ex.getMessage());
            Api.error(resp, 400, ex.getMessage());
            return;
        } catch (RuntimeException ex) {
            AdminAudit.record(trail, req, "tls certificate", "tls.replace", "failed");
            Api.error(resp, 500, "The certificate could not be replaced; the previous one is still served.");
            return;
        }
        AdminAudit.record(trail, req, "tls certificate", "tls.replace", "done: SHA-256 " + fingerprint);
        doGet(req, resp);
    }

    /** Subject, names (DNS and IP alternative names), issuer, validity (ISO instants), self-signed. */
    static Map<String, Object> details(byte[] der) throws CertificateException {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", c.getSubjectX500Principal().getName());
        out.put("names", names(c));
        out.put("issuer", c.getIssuerX500Principal().getName());
        out.put("notBefore", c.getNotBefore().toInstant().toString());
        out.put("notAfter", c.getNotAfter().toInstant().toString());
        out.put("selfSigned", c.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
        return out;
    }

    private static List<String> names(X509Certificate c) throws CertificateParsingException {
        List<String> out = new ArrayList<>();
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
            Object type = san.get(0);
            if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) && san.get(1) instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }
}
