package io.hwplatform.support.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PciIdsTest {

    @Test
    void sysfsIdsAreFourHexDigitsWithOrWithoutThePrefix() {
        assertThat(PciIds.sysfsId("0x1AF4\n")).contains("1af4");
        assertThat(PciIds.sysfsId("80ee")).contains("80ee");
        assertThat(PciIds.sysfsId("0x1af")).isEmpty();
        assertThat(PciIds.sysfsId("0x1af4 garbage")).isEmpty();
        assertThat(PciIds.sysfsId("\u0000")).isEmpty();
    }

    @Test
    void procBusGivesVendorAndDeviceOfEachWellFormedLine() {
        String devices = "0000\t80867190\t0\t0\n0078\t15ad0740\t10\tvmw_vmci\nnot a line\n0080\t15AD0405\t11\n"
                + "0078\t15ad0740\t10\n00\t1234\n";

        assertThat(PciIds.procBus(devices)).containsExactly("8086:7190", "15ad:0740", "15ad:0405");
    }

    @Test
    void windowsEnumerationKeysAreNamedAfterTheIds() {
        assertThat(PciIds.windowsKeys(List.of("VEN_1AF4&DEV_1045&SUBSYS_11001AF4&REV_01", "ROOT", "ven_8086&dev_29c0")))
                .containsExactly("1af4:1045", "8086:29c0");
    }
}
