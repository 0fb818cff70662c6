package org.gatehouse.benchmarks;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Instances of a component's configuration annotation: its defaults, with some values overridden. */
final class BenchConfigs {
    private BenchConfigs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        }));
    }
}
