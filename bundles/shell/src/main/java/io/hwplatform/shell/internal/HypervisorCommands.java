package io.hwplatform.shell.internal;

import io.hwplatform.api.hypervisor.Balloon;
import io.hwplatform.api.hypervisor.Evidence;
import io.hwplatform.api.hypervisor.HypervisorDetector;
import io.hwplatform.api.hypervisor.HypervisorInfo;
import io.hwplatform.api.hypervisor.XenRole;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.shell.TextTable;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code hv:} commands: what this machine runs under, and why we think so. */
@Component(service = HypervisorCommands.class, property = {
    "osgi.command.scope=hv",
    "osgi.command.function=info"
})
public final class HypervisorCommands {

    private final HypervisorDetector detector;

    @Activate
    public HypervisorCommands(@Reference HypervisorDetector detector) {
        this.detector = detector;
    }

    @Descriptor("shows the hypervisor, cloud, Xen role, container and balloon, then the evidence for the verdict")
    public String info(
            @Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("read every signal again now instead of showing the current verdict")
            @Parameter(names = "--fresh", presentValue = "true", absentValue = "false") boolean fresh) {
        HypervisorInfo info = fresh ? detector.detect() : detector.info();
        return json ? toJson(info) : toText(info);
    }

    static String toJson(HypervisorInfo info) {
        return Json.write(Documents.hypervisor(info));
    }

    static String toText(HypervisorInfo info) {
        TextTable summary = TextTable.keyValue()
                .row("hypervisor", info.type() + " (decided by " + info.decidedBy() + ")")
                .row("vendor", info.vendor())
                .row("product", info.product())
                .row("cloud", info.cloud())
                .row("xen role", xen(info.xen()))
                .row("container", info.container())
                .row("balloon", balloon(info.balloon()))
                .row("root", info.root());
        TextTable evidence = new TextTable("SOURCE", "OBSERVED", "MEANING");
        for (Evidence row : info.evidence()) {
            evidence.row(row.source(), row.observed(), row.meaning());
        }
        return summary + "\n" + evidence;
    }

    private static String xen(XenRole role) {
        return role == null ? null : role.domain().id() + ", " + role.mode().id();
    }

    private static String balloon(Balloon balloon) {
        return balloon == null ? null
                : balloon.kind().id() + ", " + (balloon.bound() ? "driver bound" : "no driver bound") + " ("
                        + balloon.device() + ")";
    }
}
