package org.gatehouse.bootstrap.itest;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Instances of a component's configuration annotation: its defaults, with some values overridden (also used by the benchmarks). */
public final class Configs {
    private Configs() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        }));
    }
}
