package io.hwplatform.support.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.NumaDevice;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TopologySvgTest {

    private static final long GIB = 1L << 30;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8, 64})
    void everyNodeIsOneGroupAndEveryPairOneCellInWellFormedSvg(int count) throws Exception {
        Document svg = parse(TopologySvg.render(machine(count, 0)));

        assertThat(withClass(svg, "g", "node")).hasSize(count);
        assertThat(withClass(svg, "rect", "distance")).hasSize(count * count);
        assertThat(svg.getDocumentElement().getAttribute("role")).isEqualTo("img");
        int width = Integer.parseInt(svg.getDocumentElement().getAttribute("width"));
        assertThat(width).as("8 boxes a row at most").isLessThanOrEqualTo(8 * 224 + 32);
    }

    @Test
    void memoryOnlyNodesAreSetApartAndSaySo() throws Exception {
        String drawn = TopologySvg.render(machine(2, 2));
        Document svg = parse(drawn);

        assertThat(withClass(svg, "g", "node")).hasSize(4);
        assertThat(withClass(svg, "g", "memory-only")).extracting(group -> group.getAttribute("data-node"))
                .containsExactly("2", "3");
        assertThat(drawn).contains("Memory-only nodes").contains("tier 22").contains("node 2 (memory only)");
    }

    @Test
    void aNodeShowsItsCpusMemoryAndDevicesEscaped() throws Exception {
        String drawn = TopologySvg.render(machine(2, 0));

        assertThat(drawn).contains("CPUs 0-7,16-23").contains("16 GiB free of 64 GiB")
                .contains("block nvme0n1").contains("net &lt;eth&amp;0&gt;");
        parse(drawn);
    }

    @Test
    void distancesAreShadedFromNearToFarAndSaidInEachCell() throws Exception {
        List<Element> cells = withClass(parse(TopologySvg.render(machine(2, 0))), "rect", "distance");
        assertThat(cells.get(0).getTextContent()).isEqualTo("node 0 to node 0: 10");
        assertThat(cells.get(1).getTextContent()).isEqualTo("node 0 to node 1: 21");
        assertThat(cells.get(0).getAttribute("fill")).isEqualTo("hsl(215,55%,90%)");
        assertThat(cells.get(1).getAttribute("fill")).isEqualTo("hsl(215,55%,38%)");
    }

    /** {@code cpuNodes} nodes of 16 CPUs and 64 GiB (48 used), then {@code memoryOnly} CPU-less nodes in tier 22. */
    static NumaTopology machine(int cpuNodes, int memoryOnly) {
        int count = cpuNodes + memoryOnly;
        List<NumaNode> nodes = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            TreeMap<Integer, Integer> distances = new TreeMap<>();
            for (int to = 0; to < count; to++) {
                distances.put(to, to == id ? 10 : id >= cpuNodes || to >= cpuNodes ? 31 : 21);
            }
            int first = id * 8;
            TreeSet<Integer> cpus = new TreeSet<>();
            if (id < cpuNodes) {
                IntStream.range(first, first + 8).forEach(cpus::add);
                IntStream.range(first + 8 * count, first + 8 * count + 8).forEach(cpus::add);
            }
            List<NumaDevice> devices = id == 0 ? List.of(
                    new NumaDevice("nvme0n1", NumaDevice.Kind.BLOCK, new TreeSet<>(List.of(0))),
                    new NumaDevice("<eth&0>", NumaDevice.Kind.NET, new TreeSet<>(List.of(0)))) : List.of();
            nodes.add(new NumaNode(id, cpus, 64 * GIB, 16 * GIB, id < cpuNodes ? 4 : 22, distances, devices));
        }
        TreeSet<Integer> possible = new TreeSet<>();
        IntStream.range(0, count).forEach(possible::add);
        return new NumaTopology("linux", nodes, possible);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the elements of that tag whose class list holds that class, in document order */
    private static List<Element> withClass(Document svg, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (List.of(element.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }
}
