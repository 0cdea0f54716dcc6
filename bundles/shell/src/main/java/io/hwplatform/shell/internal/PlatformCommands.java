package io.hwplatform.shell.internal;

import io.hwplatform.api.capability.CapabilityRegistry;
import io.hwplatform.api.capability.PlatformCapability;
import io.hwplatform.support.documents.Documents;
import io.hwplatform.support.shell.Json;
import io.hwplatform.support.shell.TextTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code platform:} commands: what the platform layer has learned, as published capabilities. */
@Component(service = PlatformCommands.class, property = {
    "osgi.command.scope=platform",
    "osgi.command.function=capabilities"
})
public final class PlatformCommands {

    private final CapabilityRegistry registry;

    @Activate
    public PlatformCommands(@Reference CapabilityRegistry registry) {
        this.registry = registry;
    }

    @Descriptor("lists the platform capabilities: name, attributes, providing bundle")
    public String capabilities(
            @Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json) {
        return capabilities(json, null);
    }

    @Descriptor("lists the platform capabilities that match an LDAP filter, e.g. '(numa.nodes>=2)'")
    public String capabilities(
            @Descriptor(Json.OPTION)
            @Parameter(names = Json.FLAG, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("LDAP filter over name (platform.capability) and attributes; quote it") String filter) {
        List<PlatformCapability> capabilities = registry.list(filter);
        return json ? toJson(capabilities) : toTable(capabilities);
    }

    static String toJson(List<PlatformCapability> capabilities) {
        return Json.write(Documents.capabilities(capabilities));
    }

    static String toTable(List<PlatformCapability> capabilities) {
        TextTable table = new TextTable("NAME", "ATTRIBUTES", "BUNDLE");
        for (PlatformCapability capability : capabilities) {
            String attributes = capability.attributes().entrySet().stream()
                    .map(attribute -> attribute.getKey() + "=" + attribute.getValue())
                    .collect(Collectors.joining(" "));
            table.row(capability.name(), attributes, symbolicName(capability));
        }
        return table.toString();
    }

    private static String symbolicName(PlatformCapability capability) {
        return capability.bundle() == null ? null : capability.bundle().getSymbolicName();
    }
}
