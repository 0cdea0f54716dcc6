package io.hwplatform.testsupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component's configuration annotation as DS would hand it over: the values given, the annotation's defaults for
 * the rest. Lets a test construct a component with its real configuration type instead of writing the interface out.
 */
public final class Configs {

    private Configs() {}

    /** @throws IllegalArgumentException at the call of an element that has neither a value nor a default */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("annotationType")) {
                return type;
            }
            if (name.equals("toString")) {
                return "@" + type.getSimpleName() + values;
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("equals")) {
                return proxy == args[0];
            }
            if (values.containsKey(name)) {
                return values.get(name);
            }
            Object fallback = method.getDefaultValue();
            if (fallback == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + name + " has no value and no default");
            }
            return fallback;
        }));
    }
}
