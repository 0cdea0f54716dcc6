package io.hwplatform.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo command session opened from outside the framework. Gogo's runtime is a bundle, so its API is not on the
 * launcher's class path: the few calls needed go through reflection on the interfaces the runtime bundle exports.
 */
final class GogoSession implements AutoCloseable {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the full, multi-line rendering of a result. */
    private static final int INSPECT = 0;

    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method close;

    private GogoSession(Object session, Class<?> sessionType) throws NoSuchMethodException {
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /**
     * @throws IllegalStateException when no Gogo runtime is running in the framework
     */
    static GogoSession open(BundleContext context, InputStream in, PrintStream out, PrintStream err) {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            throw new IllegalStateException("the Gogo runtime is not running");
        }
        try {
            Object processor = context.getService(reference);
            ClassLoader gogo = processor.getClass().getClassLoader();
            Method create = gogo.loadClass(PROCESSOR)
                    .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class);
            return new GogoSession(create.invoke(processor, in, out, err), gogo.loadClass(SESSION));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open a Gogo session: " + e, e);
        }
    }

    /**
     * Runs one command and returns its value.
     *
     * @throws Exception whatever the command threw, unwrapped
     */
    Object execute(String command) throws Exception {
        return invoke(execute, command);
    }

    /** @return the result as Gogo would print it at the prompt */
    String format(Object result) throws Exception {
        return String.valueOf(invoke(format, result, INSPECT));
    }

    @Override
    public void close() {
        try {
            invoke(close);
        } catch (Exception ignored) {
            // closing a session only releases its streams; there is nothing to report at shutdown
        }
    }

    private Object invoke(Method method, Object... args) throws Exception {
        try {
            return method.invoke(session, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw new IllegalStateException(cause);
        }
    }
}
