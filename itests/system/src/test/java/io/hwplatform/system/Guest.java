package io.hwplatform.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One throw-away Linux guest under QEMU with software emulation (nested KVM does not work here): the NUMA nodes,
 * SMBIOS strings and memory a scenario asks for, this machine's {@code /} read-only over 9p, and one shell job. Its
 * console is the job's output.
 */
final class Guest {

    private final GuestImage image;
    private final Path work;
    private final Path build;
    private int nodes = 1;
    private String distances;
    private List<Integer> cpuless = List.of();
    private int memoryMib = 2048;
    private static final int CPUS = 2;
    private final Map<Integer, String> smbios = new LinkedHashMap<>();
    private int timeoutSeconds = 300;
    /** The node of the NVMe controller and the NIC; -1 without a node of their own; null without them. */
    private Integer devicesNode;

    /**
     * @param work where job scripts and consoles go
     * @param build the tree holding everything a job runs (the launcher and {@code work}), shared with the guest
     */
    Guest(GuestImage image, Path work, Path build) {
        this.image = image;
        this.work = work;
        this.build = build;
    }

    /** @param rows distance rows separated by {@code ;}, e.g. {@code "10 21;21 10"} */
    Guest numa(int count, String rows, Integer... withoutCpus) {
        this.nodes = count;
        this.distances = rows;
        this.cpuless = List.of(withoutCpus);
        return this;
    }

    Guest memory(int mib) {
        this.memoryMib = mib;
        return this;
    }

    /** @param fields e.g. {@code manufacturer=VMware, Inc.,product=VMware Virtual Platform} (plain commas) */
    Guest smbios(int type, String... fields) {
        List<String> escaped = new ArrayList<>();
        for (String field : fields) {
            escaped.add(field.replace(",", ",,"));
        }
        smbios.put(type, String.join(",", escaped));
        return this;
    }

    /**
     * Adds an NVMe controller (a 64 MiB sparse disk) and a virtio NIC; on a NUMA guest behind a PCI expander bridge
     * on {@code node}, so that the guest's sysfs shows them on it; without NUMA on the root bus.
     */
    Guest nvmeAndNicOn(int node) {
        this.devicesNode = node;
        return this;
    }

    Guest timeout(int seconds) {
        this.timeoutSeconds = seconds;
        return this;
    }

    /**
     * Boots, runs the job, and returns the console.
     *
     * @param job a shell script, run as root in the guest with the host's files
     * @param onLine told every console line as it comes, with the QEMU machine protocol (to move the balloon)
     */
    GuestOutput run(String name, String job, BiConsumer<String, Machine> onLine) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path script = work.resolve(name + ".sh");
        Files.writeString(script, job);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = work.resolve(name + ".qmp");
        Files.deleteIfExists(socket);
        Process qemu = new ProcessBuilder(command(script, socket)).redirectErrorStream(true).start();
        Machine machine = new Machine(socket);
        List<String> console = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    String clean = line.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").strip();
                    synchronized (console) {
                        console.add(clean);
                    }
                    onLine.accept(clean, machine);
                }
            } catch (IOException ended) {
                // QEMU exited
            }
        }, "guest-" + name);
        reader.start();
        boolean finished = qemu.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            qemu.destroyForcibly().waitFor();
        }
        reader.join(5000);
        machine.close();
        List<String> lines;
        synchronized (console) { // the reader may still be adding, if it outlived the join
            lines = List.copyOf(console);
        }
        Files.write(work.resolve(name + ".console"), lines);
        return new GuestOutput(name, lines, finished);
    }

    private List<String> command(Path script, Path socket) {
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi",
                "-m", memoryMib + "M", "-smp", String.valueOf(CPUS),
                "-kernel", image.kernel().toString(), "-initrd", image.initramfs().toString(),
                "-append", "console=ttyS0 quiet loglevel=3 hwjob=" + script.toAbsolutePath() + " hwbuild=" + build,
                "-virtfs", "local,path=/,mount_tag=host,security_model=passthrough,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + build + ",mount_tag=build,security_model=passthrough,readonly=on",
                "-device", "virtio-balloon-pci",
                "-qmp", "unix:" + socket + ",server=on,wait=off",
                "-nographic", "-no-reboot"));
        if (nodes > 1) {
            numaOptions(command);
        }
        smbios.forEach((type, fields) -> command.addAll(List.of("-smbios", "type=" + type + "," + fields)));
        if (devicesNode != null) {
            deviceOptions(command, script);
        }
        return command;
    }

    private void deviceOptions(List<String> command, Path script) {
        Path disk = script.resolveSibling(script.getFileName() + ".nvme.img");
        try (RandomAccessFile image = new RandomAccessFile(disk.toFile(), "rw")) {
            image.setLength(64 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String bus = "";
        if (nodes > 1) { // QEMU refuses a bridge's node on a guest without NUMA
            command.addAll(List.of("-device", "pxb,id=pxb1,bus_nr=16,numa_node=" + devicesNode + ",bus=pci.0"));
            bus = ",bus=pxb1";
        }
        command.addAll(List.of("-drive", "file=" + disk + ",if=none,id=nvm,format=raw",
                "-device", "nvme,drive=nvm,serial=hwplatform0" + bus,
                "-netdev", "hubport,id=n1,hubid=0", "-device", "virtio-net-pci,netdev=n1" + bus));
    }

    /** Memory split evenly; CPUs spread over the nodes that have CPUs, the last taking the rest. */
    private void numaOptions(List<String> command) {
        List<Integer> withCpus = new ArrayList<>();
        for (int node = 0; node < nodes; node++) {
            if (!cpuless.contains(node)) {
                withCpus.add(node);
            }
        }
        int perNode = Math.max(1, CPUS / withCpus.size());
        int cpu = 0;
        for (int node = 0; node < nodes; node++) {
            command.addAll(List.of("-object", "memory-backend-ram,id=m" + node + ",size=" + memoryMib / nodes + "M"));
            String spec = "node,nodeid=" + node + ",memdev=m" + node;
            if (withCpus.contains(node)) {
                int last = node == withCpus.get(withCpus.size() - 1) ? CPUS - 1 : cpu + perNode - 1;
                spec += ",cpus=" + cpu + "-" + last;
                cpu = last + 1;
            }
            command.addAll(List.of("-numa", spec));
        }
        if (distances != null) {
            String[] rows = distances.split(";");
            for (int from = 0; from < rows.length; from++) {
                String[] values = rows[from].strip().split("\\s+");
                for (int to = 0; to < values.length; to++) {
                    if (from != to) {
                        command.addAll(List.of("-numa", "dist,src=" + from + ",dst=" + to + ",val=" + values[to]));
                    }
                }
            }
        }
    }

    /** The running guest's machine protocol, connected on first use. */
    static final class Machine implements AutoCloseable {
        private final Path socket;
        private Qmp qmp;

        Machine(Path socket) {
            this.socket = socket;
        }

        synchronized String balloon(long mib) throws IOException, InterruptedException {
            if (qmp == null) {
                qmp = Qmp.connect(socket);
            }
            return qmp.balloon(mib);
        }

        @Override
        public synchronized void close() throws IOException {
            if (qmp != null) {
                qmp.close();
            }
        }
    }
}
