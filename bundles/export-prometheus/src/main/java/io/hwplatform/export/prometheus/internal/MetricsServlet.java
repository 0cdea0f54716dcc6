package io.hwplatform.export.prometheus.internal;

import io.hwplatform.support.web.Responses;
import java.io.IOException;
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
        response.setHeader("Cache-Control", "no-store");
        Responses.send(response, CurrentMetrics.CONTENT_TYPE, metrics.text());
    }
}
