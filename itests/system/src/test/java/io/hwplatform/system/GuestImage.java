package io.hwplatform.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * What a guest boots: Debian's kernel ({@code linux-image-amd64}) and an initramfs built here from busybox-static
 * and the kernel's virtio and 9p modules. Its init mounts this machine's {@code /} read-only over 9p, gives the guest
 * fresh {@code /tmp} and {@code /run}, mounts the build tree over them again at its own path, and runs the job named
 * on the kernel command line in a chroot of it.
 */
record GuestImage(Path kernel, Path initramfs) {

    /** Load order matters: each module needs the ones before it. */
    static final List<String> MODULES = List.of(
            "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_pci_legacy_dev",
            "drivers/virtio/virtio_pci_modern_dev", "drivers/virtio/virtio_pci", "drivers/virtio/virtio_balloon",
            "fs/netfs/netfs", "fs/fscache/fscache", "net/9p/9pnet", "net/9p/9pnet_virtio", "fs/9p/9p");

    /**
     * The NVMe and virtio NIC drivers, for guests with devices on a node; in load order (the crc helpers before
     * what asks for them: the initramfs has no modprobe). Left out where the kernel lacks one; a test that needs the
     * device then says it is missing.
     */
    static final List<String> DEVICE_MODULES = List.of(
            "crypto/crct10dif_common", "crypto/crct10dif_generic", "lib/crc-t10dif", "lib/crc64",
            "crypto/crc64_rocksoft_generic", "lib/crc64-rocksoft", "block/t10-pi", "drivers/nvme/host/nvme-core",
            "drivers/nvme/host/nvme", "net/core/failover", "drivers/net/net_failover", "drivers/net/virtio_net");

    static final String INIT = String.join("\n",
            "#!/bin/sh",
            "mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev",
            "for m in $(cat /modules); do insmod /lib/modules/$m.ko || echo \"=== GUEST insmod $m failed\"; done",
            "mount -t 9p -o trans=virtio,version=9p2000.L,ro host /host || echo '=== GUEST 9p mount failed'",
            "mount -t proc proc /host/proc; mount -t sysfs sys /host/sys; mount -t devtmpfs dev /host/dev",
            "mount -t tmpfs tmp /host/tmp; mount -t tmpfs run /host/run",
            // The build tree again, on top: a clone under /tmp would be hidden by the guest's own /tmp otherwise
            "build=$(sed -n 's/.*hwbuild=\\([^ ]*\\).*/\\1/p' /proc/cmdline)",
            "mkdir -p /host$build; mount -t 9p -o trans=virtio,version=9p2000.L,ro build /host$build"
                    + " || echo '=== GUEST build mount failed'",
            "job=$(sed -n 's/.*hwjob=\\([^ ]*\\).*/\\1/p' /proc/cmdline)",
            "echo \"=== GUEST UP nodes=$(cat /sys/devices/system/node/online)\"",
            "chroot /host /bin/sh -c \"cd /run && HOME=/run JAVA_TOOL_OPTIONS=-Djna.tmpdir=/tmp /bin/sh $job\"",
            "echo \"=== GUEST DONE rc=$?\"",
            "poweroff -f",
            "");

    /** @return why guests cannot run here, or empty when they can */
    static Optional<String> missing() {
        if (!executable("qemu-system-x86_64")) {
            return Optional.of("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
        }
        if (latestKernel().isEmpty()) {
            return Optional.of("no /boot/vmlinuz-* (apt-get install linux-image-amd64)");
        }
        if (!Files.isExecutable(Path.of("/bin/busybox"))) {
            return Optional.of("no /bin/busybox (apt-get install busybox-static)");
        }
        return Optional.empty();
    }

    /** Builds the initramfs into {@code work} (once; later calls reuse it). */
    static synchronized GuestImage prepare(Path work) throws IOException {
        Path kernel = latestKernel().orElseThrow();
        String version = kernel.getFileName().toString().substring("vmlinuz-".length());
        // named after the init script and the modules too, so that a changed list never boots a stale image
        Path initramfs = work.resolve("initramfs-" + version + "-"
                + Integer.toHexString(List.of(INIT, MODULES, DEVICE_MODULES).hashCode()) + ".gz");
        if (Files.exists(initramfs)) {
            return new GuestImage(kernel, initramfs);
        }
        Files.createDirectories(work);
        Path modules = Path.of("/lib/modules", version, "kernel");
        Path partial = Files.createTempFile(work, "initramfs", ".part");
        try (Cpio cpio = new Cpio(new GZIPOutputStream(Files.newOutputStream(partial)))) {
            for (String directory : List.of("bin", "proc", "sys", "dev", "host", "lib", "lib/modules")) {
                cpio.directory(directory);
            }
            cpio.file("bin/busybox", Cpio.EXECUTABLE, Files.readAllBytes(Path.of("/bin/busybox")));
            for (String applet : List.of("sh", "mount", "mkdir", "insmod", "cat", "echo", "sed", "chroot",
                    "poweroff")) {
                cpio.symlink("bin/" + applet, "busybox");
            }
            StringBuilder order = new StringBuilder();
            for (String module : MODULES) {
                if (!Files.exists(modules.resolve(module + ".ko"))) {
                    throw new IOException("kernel module missing (compressed modules are not supported): "
                            + modules.resolve(module + ".ko"));
                }
            }
            for (String module : Stream.concat(MODULES.stream(), DEVICE_MODULES.stream()).toList()) {
                String name = module.substring(module.lastIndexOf('/') + 1);
                Path file = modules.resolve(module + ".ko");
                if (Files.exists(file)) {
                    cpio.file("lib/modules/" + name + ".ko", Cpio.FILE, Files.readAllBytes(file));
                    order.append(name).append('\n');
                }
            }
            cpio.file("modules", Cpio.FILE, order.toString().getBytes(StandardCharsets.US_ASCII));
            cpio.file("init", Cpio.EXECUTABLE, INIT.getBytes(StandardCharsets.US_ASCII));
        }
        Files.move(partial, initramfs);
        return new GuestImage(kernel, initramfs);
    }

    private static Optional<Path> latestKernel() {
        try (Stream<Path> boot = Files.list(Path.of("/boot"))) {
            return boot.filter(path -> path.getFileName().toString().startsWith("vmlinuz-")).sorted()
                    .reduce((first, second) -> second);
        } catch (IOException noBoot) {
            return Optional.empty();
        }
    }

    private static boolean executable(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
