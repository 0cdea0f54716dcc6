package io.hwplatform.api.hypervisor.spi;

/**
 * The SMBIOS strings that identify a machine: on Linux the files of {@code /sys/class/dmi/id}, on Windows the values
 * of {@code HKLM\HARDWARE\DESCRIPTION\System\BIOS}.
 *
 * <p>The first five, in declaration order, are the order in which firmware tables are matched: the product name
 * before the system vendor, so that a {@code KVM} product of vendor {@code QEMU} counts as KVM.
 */
public enum FirmwareField {
    PRODUCT_NAME("product_name", "SystemProductName"),
    SYS_VENDOR("sys_vendor", "SystemManufacturer"),
    BOARD_VENDOR("board_vendor", "BaseBoardManufacturer"),
    BIOS_VENDOR("bios_vendor", "BIOSVendor"),
    PRODUCT_VERSION("product_version", "SystemVersion"),
    BIOS_VERSION("bios_version", "BIOSVersion"),
    CHASSIS_ASSET_TAG("chassis_asset_tag", null);

    private final String linuxFile;
    private final String windowsValue;

    FirmwareField(String linuxFile, String windowsValue) {
        this.linuxFile = linuxFile;
        this.windowsValue = windowsValue;
    }

    /** @return the file name under {@code /sys/class/dmi/id} */
    public String linuxFile() {
        return linuxFile;
    }

    /** @return the value name under the Windows BIOS registry key, or {@code null} when Windows has none */
    public String windowsValue() {
        return windowsValue;
    }

    /** @return whether this field takes part in matching hypervisor tables, and at which position (0 first) */
    public boolean identifiesPlatform() {
        return ordinal() <= PRODUCT_VERSION.ordinal();
    }
}
