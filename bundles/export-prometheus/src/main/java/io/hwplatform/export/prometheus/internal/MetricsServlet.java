package io.hwplatform.export.prometheus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /metrics} for Prometheus to scrape, through the OSGi Http Whiteboard (the javax flavour, which Felix HTTP
 * and Karaf's Pax Web both serve). Where no whiteboard runs nobody asks for this servlet, so it never loads: the
 * servlet API is an optional import and the textfile works without it.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/metrics",
    "osgi.http.whiteboard.servlet.name=hwplatform-metrics"})
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient CurrentMetrics metrics;

    @Activate
    public MetricsServlet(@Reference CurrentMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metrics.text().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CurrentMetrics.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
