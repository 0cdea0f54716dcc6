package io.hwplatform.web.internal;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.memory.MemoryGovernor;
import io.hwplatform.api.numa.NumaAllocator;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.documents.TopologySvg;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.web.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /hwplatform/}: the page, its two assets, the drawing alone, and under {@code api/} the JSON documents the
 * {@code --json} commands print (one model, {@link Documents}, for both). GET and HEAD only: the page changes nothing.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/hwplatform/*",
    "osgi.http.whiteboard.servlet.name=hwplatform-page"})
public final class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> ASSETS = Map.of(
            "/app.js", "text/javascript; charset=utf-8",
            "/style.css", "text/css; charset=utf-8");

    private final transient MemoryHistory history;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HypervisorDetector detector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile NumaAllocator allocator;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MemoryGovernor governor;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile CapabilityRegistry registry;

    @Activate
    public PageServlet(@Reference MemoryHistory history) {
        this.history = history;
    }

    /** Read-only: GET and HEAD (which HttpServlet answers from GET) and nothing else, OPTIONS and TRACE included. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.isEmpty()) {
            response.sendRedirect(request.getRequestURI() + "/"); // relative links resolve under /hwplatform/
            return;
        }
        if (path.equals("/")) {
            Responses.send(response, "text/html; charset=utf-8", PageHtml.render(facts()));
            return;
        }
        if (ASSETS.containsKey(path)) {
            asset(response, path);
            return;
        }
        if (path.equals("/topology.svg")) {
            NumaAllocator numa = allocator;
            if (numa == null) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no NUMA allocator is running");
                return;
            }
            Responses.send(response, "image/svg+xml; charset=utf-8", TopologySvg.render(numa.topology()));
            return;
        }
        Optional<Supplier<Map<String, Object>>> document = document(path);
        if (document.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Map<String, Object> json = document.get().get();
        if (json == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the service behind " + path
                    + " is not running");
            return;
        }
        Responses.send(response, "application/json; charset=utf-8", Json.write(json));
    }

    /** @return the document behind an {@code /api/} path (null inside when its service is gone), or empty */
    private Optional<Supplier<Map<String, Object>>> document(String path) {
        return Optional.ofNullable(switch (path) {
            case "/api/hypervisor" -> () -> with(detector, found -> Documents.hypervisor(found.info()));
            case "/api/topology" -> () -> with(allocator, found -> Documents.topology(found.topology(),
                    found.isNumaAware()));
            case "/api/stats" -> () -> with(allocator, found -> Documents.poolStats(found.stats(),
                    found.isNumaAware()));
            case "/api/devices" -> () -> with(allocator, found -> Documents.devices(found.topology().devices()));
            case "/api/memory" -> () -> with(governor, found -> Documents.memoryStatus(found.status()));
            case "/api/sources" -> () -> with(governor, found -> Documents.sources(found.sources()));
            case "/api/reclaimers" -> () -> with(governor, found -> Documents.reclaimers(found.status().reclaimers()));
            case "/api/capabilities" -> () -> Documents.capabilities(capabilities());
            case "/api/history" -> history::json;
            default -> null;
        });
    }

    private static <S> Map<String, Object> with(S service, Function<S, Map<String, Object>> read) {
        return service == null ? null : read.apply(service);
    }

    private PageHtml.Facts facts() {
        HypervisorDetector hypervisor = detector;
        NumaAllocator numa = allocator;
        MemoryGovernor memory = governor;
        return new PageHtml.Facts(Optional.ofNullable(hypervisor).map(HypervisorDetector::info),
                Optional.ofNullable(numa).map(NumaAllocator::topology), Optional.ofNullable(numa).map(NumaAllocator::stats),
                Optional.ofNullable(memory).map(MemoryGovernor::status), capabilities());
    }

    private List<PlatformCapability> capabilities() {
        CapabilityRegistry capabilities = registry;
        return capabilities == null ? List.of() : capabilities.list(null);
    }

    private void asset(HttpServletResponse response, String path) throws IOException {
        try (InputStream in = PageServlet.class.getResourceAsStream("/static" + path)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(ASSETS.get(path));
            in.transferTo(response.getOutputStream());
        }
    }
}
