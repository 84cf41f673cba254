package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The embed page opened with a grant ({@code /embed.html?grant=...}) may be framed by the grant's
 * origins: its {@code frame-ancestors} is the grant's, in place of the configured one the perimeter
 * set. Without a valid grant the page keeps the perimeter's policy.
 * <p>
 * A filter of its own, declared in web.xml after the access filter and mapped to the embed page
 * only: the perimeter imports no feature, so it cannot read grants, and this keeps the override out
 * of every other request's way.
 */
public class EmbedPageFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String CSP = "Content-Security-Policy";

    @Inject
    transient EmbedGrants grants;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String token = request.getParameter("grant");
        Optional<GrantClaims> grant = token == null ? Optional.empty() : grants.check(token);
        if (grant.isPresent() && response.getHeader(CSP) != null) {
            response.setHeader(CSP, withFrameAncestors(response.getHeader(CSP), String.join(" ", grant.get().origins())));
            // The answer depends on the grant's state now: no cache may keep it past a revocation.
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** The policy with its {@code frame-ancestors} directive replaced (or added). */
    static String withFrameAncestors(String policy, String origins) {
        String directive = "frame-ancestors " + (origins.isBlank() ? "'none'" : origins);
        String replaced = policy.replaceFirst("frame-ancestors[^;]*", java.util.regex.Matcher.quoteReplacement(directive));
        return replaced.equals(policy) && !policy.contains("frame-ancestors") ? policy + "; " + directive : replaced;
    }
}
