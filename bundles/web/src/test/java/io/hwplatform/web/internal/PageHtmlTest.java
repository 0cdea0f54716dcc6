package io.hwplatform.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.BalloonKind;
import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.HypervisorType;
import io.hwplatform.api.memory.MemoryStatus;
import io.hwplatform.api.memory.PressureLevel;
import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.api.numa.NumaTopology;
import io.hwplatform.api.numa.PoolStats;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PageHtmlTest {

    private static final HypervisorInfo KVM = new HypervisorInfo(HypervisorType.KVM, null, null, null, null, "docker",
            new Balloon(BalloonKind.VIRTIO, true, "virtio0"), "cpuid 0x40000000 = KVMKVMKVM",
            List.of(new Evidence("/proc/cpuinfo", "flags: hypervisor", "some hypervisor present"),
                    new Evidence("cpuid 0x40000000", "KVMKVMKVM", "hypervisor KVM"),
                    new Evidence("/sys/class/dmi/id/sys_vendor", "<script>alert(1)</script>", "")), "/");

    @Test
    void theDecidingSignalIsTheEvidenceRowTheVerdictNames() {
        assertThat(PageHtml.decidingRow(KVM)).isEqualTo(1);
        String html = PageHtml.render(new PageHtml.Facts(Optional.of(KVM), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of()));

        assertThat(html).contains("<tr class=\"deciding\"><th scope=\"row\">cpuid 0x40000000 <strong class=\"mark\">"
                + "deciding</strong></th><td>KVMKVMKVM</td>");
        assertThat(html).as("firmware strings are text, never markup").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert");
    }

    @Test
    void everySectionSaysWhatIsMissingInsteadOfFailing() {
        String html = PageHtml.render(new PageHtml.Facts(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of()));

        assertThat(html).contains("No hypervisor detector is running.").contains("No NUMA allocator is running.")
                .contains("No memory governor is running.").contains("0 capabilities in the registry")
                .startsWith("<!doctype html>").endsWith("</html>\n");
    }

    @Test
    void theMachineIsDrawnInlineAndTheCountersAreNamedForTheScript() {
        TreeMap<Integer, Integer> distances = new TreeMap<>(Map.of(0, 10));
        NumaTopology oneNode = new NumaTopology("linux", List.of(new NumaNode(0, new TreeSet<>(List.of(0, 1)),
                8L << 30, 4L << 30, 4, distances, List.of())), new TreeSet<>(List.of(0)));
        PoolStats pool = new PoolStats("linux", 1, 2 << 20, 4096, 7, Map.of(), 0, 0, 0, Map.of(), 0, 0, 0, false);
        MemoryStatus memory = new MemoryStatus(PressureLevel.MODERATE, List.of(), null, false, -1, -1, 1 << 30, null,
                List.of());

        String html = PageHtml.render(new PageHtml.Facts(Optional.empty(), Optional.of(oneNode), Optional.of(pool),
                Optional.of(memory), List.of()));

        assertThat(html).contains("<g class=\"node\" data-node=\"0\"").contains("<td data-step=\"preferred\">0</td>")
                .contains("<td data-step=\"failures\">0</td>").contains("Pressure moderate")
                .contains("id=\"memory-chart\"");
    }
}
