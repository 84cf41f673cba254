package org.fieldcast.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Set;
import org.fieldcast.http.ApiError;

/**
 * The static pages (dashboard, embed page, scripts, styles) are read-only: GET, HEAD and OPTIONS.
 * The container's default servlet would answer a POST or a PUT with the page itself; any other
 * method is the client's mistake and gets a 405 in the one error shape.
 */
public class StaticPagesFilter extends HttpFilter {
    private static final Set<String> READ = Set.of("GET", "HEAD", "OPTIONS");
    private static final String ALLOW = "GET, HEAD, OPTIONS";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (servedByDefaultServlet(request.getHttpServletMapping().getMappingMatch()) && !READ.contains(request.getMethod())) {
            ApiError.send(response, 405, ErrorPageServlet.messageFor(405, request.getMethod()));
            response.setHeader("Allow", ALLOW);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Our servlets and JAX-RS are mapped by path; the pages fall through to the default mapping. */
    static boolean servedByDefaultServlet(MappingMatch match) {
        return match == MappingMatch.DEFAULT || match == MappingMatch.CONTEXT_ROOT;
    }
}
