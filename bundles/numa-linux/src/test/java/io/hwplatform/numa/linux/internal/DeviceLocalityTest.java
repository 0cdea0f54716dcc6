package io.hwplatform.numa.linux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hwplatform.api.numa.NumaNode;
import io.hwplatform.support.host.HostFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceLocalityTest {

    private final HostFiles twoSockets = TopologyReaderTest.tree("two-sockets");
    private final List<NumaNode> nodes = new TopologyReader(twoSockets).read().nodes();
    private final DeviceLocality locality = new DeviceLocality(twoSockets);

    @Test
    void nvmeDiskAndItsPartitionsHangOnTheControllersNode() {
        assertThat(locality.nodesOf("nvme0n1", nodes)).containsExactly(0);
        assertThat(locality.nodesOf("/dev/nvme0n1p1", nodes)).containsExactly(0);
    }

    @Test
    void multipathNamespaceHangsOnEveryControllersNode() {
        assertThat(locality.nodesOf("nvme1n1", nodes)).containsExactly(0, 1);
    }

    @Test
    void deviceMapperVolumeIsTheUnionOfItsSlavesKnownNodes() {
        assertThat(locality.nodesOf("dm-0", nodes)).containsExactly(0);
        assertThat(locality.nodesOf("/dev/mapper/vg-data", nodes)).containsExactly(0);
    }

    @Test
    void unknownNumaNodeWithAllCpusLocalIsUnknown() {
        assertThat(locality.nodesOf("sda", nodes)).isEmpty();
        assertThat(locality.nodesOf("0000:00:17.0", nodes)).isEmpty();
    }

    @Test
    void nicsBondsAndPciAddresses() {
        assertThat(locality.nodesOf("eth0", nodes)).containsExactly(1);
        assertThat(locality.nodesOf("bond0", nodes)).containsExactly(1);
        assertThat(locality.nodesOf("0000:af:00.0", nodes)).containsExactly(1);
        assertThat(locality.nodesOf("af:00.0", nodes)).containsExactly(1);
    }

    @Test
    void virtualAndUnknownDevicesHaveNoNode() {
        assertThat(locality.nodesOf("loop0", nodes)).isEmpty();
        assertThat(locality.nodesOf("lo", nodes)).isEmpty();
        assertThat(locality.nodesOf("nosuchdevice", nodes)).isEmpty();
    }

    @Test
    void minusOneWithALocalCpuListInsideOneNodeMeansThatNode() {
        assertThat(locality.nodesOf("0000:5e:00.0", nodes)).containsExactly(1);
    }

    @Test
    void localCpuListOfAllCpusTellsNothing() {
        HostFiles vm = TopologyReaderTest.tree("vm-one-node");
        List<NumaNode> vmNodes = new TopologyReader(vm).read().nodes();
        // local_cpulist = all CPUs: no information, even on a single node.
        assertThat(new DeviceLocality(vm).nodesOf("vda", vmNodes)).isEmpty();
    }

    @Test
    void lastPciFunctionOfAPath() {
        assertThat(DeviceLocality.lastPciFunction(
                "/sys/devices/pci0000:00/0000:00:1f.2/host4/target4:0:0/4:0:0:0/block/sda")).contains("0000:00:1f.2");
        assertThat(DeviceLocality.lastPciFunction("/sys/devices/pci10000:00/10000:00:04.0/nvme/nvme0"))
                .contains("10000:00:04.0");
        assertThat(DeviceLocality.lastPciFunction("/sys/devices/virtual/block/loop0")).isEmpty();
    }
}
