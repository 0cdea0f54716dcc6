package io.hwplatform.web.internal;

import static io.hwplatform.support.documents.Markup.escape;

import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.documents.TopologySvg;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The page, rendered on the server from what the services say now: plain HTML with real tables (captions, header
 * cells), the machine as inline SVG, and a small script of our own that keeps the memory chart and the counters
 * current. Pure: everything comes in as arguments.
 */
final class PageHtml {

    /** What the page is made of; each part absent when its service is. */
    record Facts(Optional<HypervisorInfo> hypervisor, Optional<NumaTopology> topology, Optional<PoolStats> pool,
            Optional<MemoryStatus> memory, List<PlatformCapability> capabilities) {}

    private PageHtml() {}

    static String render(Facts facts) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>hwplatform</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="style.css">
                <script src="app.js" defer></script>
                </head>
                <body>
                <header><h1>hwplatform</h1>
                <p>What this JVM knows of the machine it runs on. Read-only: nothing here changes anything.</p>
                <nav aria-label="Sections"><a href="#machine">The machine</a> <a href="#memory">Memory</a>
                <a href="#where">Where it runs</a> <a href="#capabilities">Capabilities</a> <a href="#allocation">Allocation</a>
                <a href="#api">JSON</a></nav></header>
                <main>
                """);
        machine(html, facts.topology());
        memory(html, facts.memory());
        where(html, facts.hypervisor());
        capabilities(html, facts.capabilities());
        allocation(html, facts.pool());
        html.append("""
                <section aria-labelledby="api"><h2 id="api">JSON</h2>
                <p>The documents the shell's <code>--json</code> commands print:
                <a href="api/hypervisor">hv:info</a>, <a href="api/topology">numa:topology</a>,
                <a href="api/stats">numa:stats</a>, <a href="api/memory">mem:status</a>,
                <a href="api/sources">mem:sources</a>, <a href="api/capabilities">platform:capabilities</a>;
                and the chart's own <a href="api/history">history</a>. The drawing alone: <a href="topology.svg">topology.svg</a>.</p>
                </section>
                </main>
                </body>
                </html>
                """);
        return html.toString();
    }

    private static void where(StringBuilder html, Optional<HypervisorInfo> hypervisor) {
        html.append("<section aria-labelledby=\"where\"><h2 id=\"where\">Where it runs</h2>\n");
        if (hypervisor.isEmpty()) {
            html.append("<p>No hypervisor detector is running.</p></section>\n");
            return;
        }
        HypervisorInfo info = hypervisor.get();
        html.append("<dl class=\"verdict\">");
        term(html, "Hypervisor", info.type().name());
        term(html, "Cloud", info.cloud() == null ? "none found" : info.cloud());
        term(html, "Container", info.container() == null ? "none found" : info.container());
        term(html, "Balloon", info.balloon() == null ? "none" : info.balloon().kind().id()
                + (info.balloon().bound() ? ", driver bound" : ", no driver bound"));
        term(html, "Decided by", info.decidedBy());
        term(html, "Root", info.root());
        html.append("</dl>\n<table class=\"evidence\"><caption>Evidence: every signal read, the deciding one "
                + "marked</caption>\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Observed</th>"
                + "<th scope=\"col\">Meaning</th></tr></thead>\n<tbody>\n");
        int deciding = decidingRow(info);
        for (int i = 0; i < info.evidence().size(); i++) {
            Evidence row = info.evidence().get(i);
            html.append(i == deciding ? "<tr class=\"deciding\">" : "<tr>").append("<th scope=\"row\">")
                    .append(escape(row.source())).append(i == deciding ? " <strong class=\"mark\">deciding</strong>" : "")
                    .append("</th><td>").append(escape(row.observed())).append("</td><td>")
                    .append(escape(row.meaning())).append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    /** @return the index of the evidence row the verdict names ({@code <source> = <observed>}), or -1 */
    static int decidingRow(HypervisorInfo info) {
        for (int i = 0; i < info.evidence().size(); i++) {
            Evidence row = info.evidence().get(i);
            if (info.decidedBy().equals(row.source() + " = " + row.observed())
                    || info.decidedBy().startsWith(row.source() + " = ")) {
                return i;
            }
        }
        return -1;
    }

    private static void machine(StringBuilder html, Optional<NumaTopology> topology) {
        html.append("<section aria-labelledby=\"machine\"><h2 id=\"machine\">The machine</h2>\n");
        if (topology.isEmpty()) {
            html.append("<p>No NUMA allocator is running.</p></section>\n");
            return;
        }
        html.append("<div class=\"drawing\">").append(TopologySvg.render(topology.get())).append("</div>\n");
        if (!topology.get().warnings().isEmpty()) {
            html.append("<ul class=\"warnings\">");
            topology.get().warnings().forEach(warning -> html.append("<li>").append(escape(warning)).append("</li>"));
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private static void memory(StringBuilder html, Optional<MemoryStatus> memory) {
        html.append("<section aria-labelledby=\"memory\"><h2 id=\"memory\">Memory</h2>\n");
        html.append("<p id=\"memory-summary\">").append(memory.map(status -> "Pressure " + status.level().id()
                + "; " + status.sources().size() + " sources; " + status.reclaimers().size() + " reclaimers.")
                .orElse("No memory governor is running.")).append("</p>\n");
        html.append("<figure><div id=\"memory-chart\" class=\"chart\" role=\"img\" aria-label=\"The last minutes: "
                + "pressure level per source, balloon size and target, resident size, pool bytes, with each reclaim "
                + "marked\"></div><figcaption>Up to the last ten minutes, every two seconds. Vertical lines are reclaims "
                + "(hover for what was asked, released and returned).</figcaption></figure>\n");
        html.append("<table id=\"reclaims\"><caption>Recent reclaims</caption><thead><tr><th scope=\"col\">Time"
                + "</th><th scope=\"col\">Trigger</th><th scope=\"col\">Asked</th><th scope=\"col\">Released</th>"
                + "<th scope=\"col\">Returned to the OS</th></tr></thead><tbody></tbody></table>\n</section>\n");
    }

    private static void capabilities(StringBuilder html, List<PlatformCapability> capabilities) {
        html.append("<section aria-labelledby=\"capabilities\"><h2 id=\"capabilities\">Capabilities</h2>\n"
                + "<p><label for=\"capability-filter\">Filter by name, attribute or bundle</label> "
                + "<input id=\"capability-filter\" type=\"search\"></p>\n<table id=\"capability-table\"><caption>"
                + capabilities.size() + " capabilities in the registry</caption><thead><tr><th scope=\"col\">Name"
                + "</th><th scope=\"col\">Attributes</th><th scope=\"col\">Bundle</th></tr></thead><tbody>\n");
        for (PlatformCapability capability : capabilities) {
            String attributes = capability.attributes().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
            html.append("<tr><th scope=\"row\">").append(escape(capability.name())).append("</th><td>")
                    .append(escape(attributes)).append("</td><td>")
                    .append(escape(capability.bundle() == null ? "" : capability.bundle().getSymbolicName()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table></section>\n");
    }

    private static void allocation(StringBuilder html, Optional<PoolStats> pool) {
        html.append("<section aria-labelledby=\"allocation\"><h2 id=\"allocation\">Allocation</h2>\n");
        if (pool.isEmpty()) {
            html.append("<p>No NUMA allocator is running.</p></section>\n");
            return;
        }
        html.append("<table id=\"steps\"><caption>Allocations by fallback step (backend ")
                .append(escape(pool.get().backend())).append(")</caption><thead><tr><th scope=\"col\">Step</th>"
                        + "<th scope=\"col\">Allocations</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Object> step : Documents.steps(pool.get()).entrySet()) {
            html.append("<tr><th scope=\"row\">").append(step.getKey()).append("</th><td data-step=\"")
                    .append(step.getKey()).append("\">").append(step.getValue()).append("</td></tr>\n");
        }
        html.append("<tr><th scope=\"row\">failures</th><td data-step=\"failures\">").append(pool.get().failures())
                .append("</td></tr>\n</tbody></table></section>\n");
    }

    private static void term(StringBuilder html, String term, String value) {
        html.append("<div><dt>").append(term).append("</dt><dd>").append(escape(value)).append("</dd></div>");
    }
}
