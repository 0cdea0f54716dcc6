package io.hwplatform.launcher;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Serves the hwplatform health checks over HTTP with Felix HC's own servlet, which runs only once configured: one
 * factory configuration through Config Admin, made the way an operator's {@code .cfg} would be. The launcher's class
 * path has no Config Admin API, so the two calls go through reflection on the interfaces that bundle exports.
 */
final class HealthEndpoint {

    static final String SERVLET_FACTORY_PID = "org.apache.felix.hc.core.impl.servlet.HealthCheckExecutorServlet";
    static final String PATH = "/system/health";
    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private HealthEndpoint() {}

    /** @throws IllegalStateException when Config Admin is missing or refuses the configuration */
    static void configure(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference(CONFIG_ADMIN);
        if (reference == null) {
            throw new IllegalStateException("no Config Admin to configure " + PATH + " with");
        }
        try {
            Object admin = context.getService(reference);
            Class<?> adminType = reference.getBundle().loadClass(CONFIG_ADMIN);
            Object configuration = adminType.getMethod("getFactoryConfiguration", String.class, String.class,
                    String.class).invoke(admin, SERVLET_FACTORY_PID, "hwplatform", null);
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("servletPath", PATH);
            properties.put("tags", new String[] {"hwplatform"});
            reference.getBundle().loadClass("org.osgi.service.cm.Configuration")
                    .getMethod("update", Dictionary.class).invoke(configuration, properties);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot configure " + PATH + ": " + e, e);
        } finally {
            context.ungetService(reference);
        }
    }
}
