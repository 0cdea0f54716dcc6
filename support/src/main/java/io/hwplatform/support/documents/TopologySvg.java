package io.hwplatform.support.documents;

import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.support.host.IdLists;
import io.hwplatform.support.shell.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NUMA machine drawn, as lstopo would, in one self-contained SVG: a box per node with its CPUs, a memory bar (used
 * and free), its tier and the devices that hang on it; memory-only nodes (CXL, PMEM, HBM) in a row of their own; the
 * distance matrix as a heat map. The page shows it inline and {@code numa:topology --svg} writes it to a file. Sized for
 * 1 to 64 nodes: up to 4 boxes a row for 8 nodes, 8 a row beyond. Colours follow {@code prefers-color-scheme}. Pure.
 */
public final class TopologySvg {

    private static final int BOX_WIDTH = 210;
    private static final int BOX_HEIGHT = 132;
    private static final int GAP = 14;
    private static final int MARGIN = 16;
    private static final int MAX_DEVICES_SHOWN = 3;
    /** Wide enough for the headings of a one-node machine. */
    private static final int MIN_WIDTH = 480;
    /** What fits a box's line; the box's tooltip says it all. */
    private static final int LINE_CHARACTERS = 30;

    private static final String STYLE = String.join("\n",
            "svg { font: 12px system-ui, sans-serif; }",
            ".bg { fill: #ffffff; } text { fill: #1d2330; } .muted { fill: #5b6475; }",
            ".box { fill: #f3f6fb; stroke: #4a6fa5; stroke-width: 1.5; }",
            ".memory-only .box { fill: #f7f3fb; stroke: #7a57a8; stroke-dasharray: 5 3; }",
            ".used { fill: #4a6fa5; } .free { fill: #cfd9ea; } .memory-only .used { fill: #7a57a8; }",
            "@media (prefers-color-scheme: dark) {",
            "  .bg { fill: #161a22; } text { fill: #e6e9ef; } .muted { fill: #a3abbb; }",
            "  .box { fill: #1f2633; stroke: #7fa3d9; } .memory-only .box { fill: #261f33; stroke: #b394e0; }",
            "  .used { fill: #7fa3d9; } .free { fill: #334156; } .memory-only .used { fill: #b394e0; }",
            "}");

    private TopologySvg() {}

    /** @return the SVG document of the topology, with a title and description for screen readers */
    public static String render(NumaTopology topology) {
        List<NumaNode> cpuNodes = topology.nodes().stream().filter(node -> !node.isMemoryOnly()).toList();
        List<NumaNode> memoryOnly = topology.memoryOnlyNodes();
        int columns = columns(topology.nodes().size());
        int cpuRows = rows(cpuNodes.size(), columns);
        int memoryRows = rows(memoryOnly.size(), columns);
        int width = Math.max(columns, 1) * (BOX_WIDTH + GAP) - GAP + 2 * MARGIN;
        int memoryOnlyTop = MARGIN + 24 + cpuRows * (BOX_HEIGHT + GAP) + (memoryRows > 0 ? 24 : 0);
        int heatTop = memoryOnlyTop + memoryRows * (BOX_HEIGHT + GAP) + 28;
        int cell = Math.max(8, Math.min(34, 420 / Math.max(1, topology.nodes().size())));
        int height = heatTop + 18 + cell * topology.nodes().size() + MARGIN;
        width = Math.max(MIN_WIDTH, Math.max(width, MARGIN * 2 + 40 + cell * topology.nodes().size()));

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"topology\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" aria-labelledby=\"topology-title topology-desc\">\n");
        svg.append("<title id=\"topology-title\">NUMA topology: ").append(topology.nodes().size())
                .append(topology.nodes().size() == 1 ? " node" : " nodes").append("</title>\n");
        svg.append("<desc id=\"topology-desc\">").append(Markup.escape(describe(topology))).append("</desc>\n");
        svg.append("<style>\n").append(STYLE).append("\n</style>\n");
        svg.append("<rect class=\"bg\" width=\"100%\" height=\"100%\"/>\n");
        text(svg, MARGIN, MARGIN + 12, "heading", "Nodes (backend " + topology.backend() + ")");
        for (int i = 0; i < cpuNodes.size(); i++) {
            node(svg, cpuNodes.get(i), x(i % columns), MARGIN + 24 + (i / columns) * (BOX_HEIGHT + GAP));
        }
        if (!memoryOnly.isEmpty()) {
            text(svg, MARGIN, memoryOnlyTop - 10, "heading", "Memory-only nodes (no CPU: CXL, PMEM, HBM)");
            for (int i = 0; i < memoryOnly.size(); i++) {
                node(svg, memoryOnly.get(i), x(i % columns), memoryOnlyTop + (i / columns) * (BOX_HEIGHT + GAP));
            }
        }
        distances(svg, topology, heatTop, cell);
        return svg.append("</svg>\n").toString();
    }

    private static void node(StringBuilder svg, NumaNode node, int x, int y) {
        svg.append("<g class=\"node").append(node.isMemoryOnly() ? " memory-only" : "").append("\" data-node=\"")
                .append(node.id()).append("\" transform=\"translate(").append(x).append(',').append(y).append(")\">\n");
        svg.append("<title>").append(Markup.escape(describe(node))).append("</title>\n");
        svg.append("<rect class=\"box\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
                .append("\" rx=\"6\"/>\n");
        text(svg, 10, 18, "name", "node " + node.id() + (node.memoryTier() >= 0 ? "  ·  tier " + node.memoryTier() : ""));
        text(svg, 10, 36, "muted", node.cpus().isEmpty() ? "no CPUs" : shortened("CPUs " + IdLists.format(node.cpus())));
        long total = Math.max(0, node.memoryTotalBytes());
        long free = Math.max(0, Math.min(total, node.memoryFreeBytes()));
        int barWidth = BOX_WIDTH - 20;
        int used = total == 0 ? 0 : (int) Math.round(barWidth * (double) (total - free) / total);
        svg.append("<rect class=\"free\" x=\"10\" y=\"46\" width=\"").append(barWidth).append("\" height=\"12\"/>\n");
        svg.append("<rect class=\"used\" x=\"10\" y=\"46\" width=\"").append(used).append("\" height=\"12\"/>\n");
        // the bar shows what is used; the line says what is left, which is what an allocation can get
        text(svg, 10, 74, "muted", total == 0 ? "no memory" : Sizes.format(free) + " free of " + Sizes.format(total));
        List<NumaDevice> devices = node.devices();
        for (int i = 0; i < Math.min(devices.size(), MAX_DEVICES_SHOWN); i++) {
            NumaDevice device = devices.get(i);
            text(svg, 10, 94 + 14 * i, "device",
                    shortened(device.kind().name().toLowerCase(Locale.ROOT) + " " + device.name()));
        }
        if (devices.size() > MAX_DEVICES_SHOWN) {
            text(svg, 10, 94 + 14 * MAX_DEVICES_SHOWN, "muted", "+" + (devices.size() - MAX_DEVICES_SHOWN) + " more");
        }
        svg.append("</g>\n");
    }

    /** The distance matrix: darker is farther; each cell says its pair and distance (as a tooltip, and aloud). */
    private static void distances(StringBuilder svg, NumaTopology topology, int top, int cell) {
        List<NumaNode> nodes = topology.nodes();
        text(svg, MARGIN, top - 10, "heading", "Distances (10 = local; darker is farther)");
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (NumaNode from : nodes) {
            for (NumaNode to : nodes) {
                int distance = topology.distance(from.id(), to.id());
                if (distance >= 0) {
                    min = Math.min(min, distance);
                    max = Math.max(max, distance);
                }
            }
        }
        boolean labelled = cell >= 24;
        int left = MARGIN + 30;
        svg.append("<g class=\"distances\">\n");
        for (int row = 0; row < nodes.size(); row++) {
            if (labelled || nodes.size() <= 16) {
                text(svg, MARGIN, top + 6 + row * cell + cell / 2, "muted", String.valueOf(nodes.get(row).id()));
            }
            for (int column = 0; column < nodes.size(); column++) {
                int distance = topology.distance(nodes.get(row).id(), nodes.get(column).id());
                double share = distance < 0 || max == min ? 0 : (distance - min) / (double) (max - min);
                int lightness = distance < 0 ? 80 : (int) Math.round(90 - 52 * share);
                int x = left + column * cell;
                int y = top + row * cell;
                svg.append("<rect class=\"distance\" x=\"").append(x).append("\" y=\"").append(y)
                        .append("\" width=\"").append(cell - 1).append("\" height=\"").append(cell - 1)
                        .append("\" fill=\"hsl(215,55%,").append(lightness).append("%)\"><title>node ")
                        .append(nodes.get(row).id()).append(" to node ").append(nodes.get(column).id()).append(": ")
                        .append(distance < 0 ? "unknown" : String.valueOf(distance)).append("</title></rect>\n");
                if (labelled && distance >= 0) {
                    svg.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + 4)
                            .append("\" text-anchor=\"middle\" style=\"fill:").append(lightness < 60 ? "#fff" : "#111")
                            .append("\">").append(distance).append("</text>\n");
                }
            }
        }
        svg.append("</g>\n");
    }

    private static String shortened(String line) {
        return line.length() <= LINE_CHARACTERS ? line : line.substring(0, LINE_CHARACTERS - 1) + "…";
    }

    private static int columns(int nodes) {
        return nodes <= 4 ? Math.max(1, nodes) : nodes <= 8 ? 4 : 8;
    }

    private static int rows(int boxes, int columns) {
        return (boxes + columns - 1) / columns;
    }

    private static int x(int column) {
        return MARGIN + column * (BOX_WIDTH + GAP);
    }

    private static void text(StringBuilder svg, int x, int y, String cssClass, String content) {
        svg.append("<text class=\"").append(cssClass).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\">").append(Markup.escape(content)).append("</text>\n");
    }

    private static String describe(NumaTopology topology) {
        List<String> parts = new ArrayList<>();
        topology.nodes().forEach(node -> parts.add(describe(node)));
        return String.join("; ", parts);
    }

    private static String describe(NumaNode node) {
        return "node " + node.id() + (node.isMemoryOnly() ? " (memory only)" : "") + ": "
                + (node.cpus().isEmpty() ? "no CPUs" : "CPUs " + IdLists.format(node.cpus())) + ", "
                + Sizes.format(Math.max(0, node.memoryFreeBytes())) + " free of "
                + Sizes.format(Math.max(0, node.memoryTotalBytes()))
                + (node.memoryTier() >= 0 ? ", tier " + node.memoryTier() : "")
                + (node.devices().isEmpty() ? "" : ", devices "
                        + String.join(" ", node.devices().stream().map(NumaDevice::name).toList()));
    }
}
