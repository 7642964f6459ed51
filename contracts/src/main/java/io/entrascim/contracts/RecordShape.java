package io.entrascim.contracts;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.io.SerializedString;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A record's components in declaration order (the order Jackson writes them in), each with its accessor and its
 * {@link JsonValueCodec}: written as a JSON object with every component, nulls included; read from one with unknown
 * properties skipped and absent components at their defaults, then built through the canonical constructor.
 */
final class RecordShape implements JsonValueCodec {

    /** The canonical constructor taking an {@code Object[]} of its arguments. */
    private final MethodHandle constructor;
    private final Function<Object, Object>[] accessors;
    private final SerializedString[] names;
    private final Map<String, Integer> index = new HashMap<>();
    private final Object[] defaults;
    private final JsonValueCodec[] codecs;

    @SuppressWarnings("unchecked")
    private RecordShape(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        accessors = new Function[components.length];
        names = new SerializedString[components.length];
        defaults = new Object[components.length];
        codecs = new JsonValueCodec[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
            accessors[i] = accessor(components[i].getAccessor());
            names[i] = new SerializedString(components[i].getName());
            index.put(components[i].getName(), i);
            defaults[i] = parameterTypes[i] == int.class ? (Object) 0
                    : parameterTypes[i] == long.class ? (Object) 0L
                    : parameterTypes[i] == boolean.class ? Boolean.FALSE : null;
        }
        // a spreading method handle costs a third of Constructor.newInstance on C1
        constructor = MethodHandles.lookup().unreflectConstructor(type.getConstructor(parameterTypes))
                .asSpreader(Object[].class, components.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    /**
     * The accessor as a generated {@code Function}: on C1, {@code Method.invoke} costs ~120 ns a call, ~50 times a
     * direct call, and a record has up to seventeen components.
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Method method) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle target = lookup.unreflect(method);
        Class<?> returned = MethodType.methodType(method.getReturnType()).wrap().returnType();
        try {
            return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class), target,
                    MethodType.methodType(returned, method.getDeclaringClass())).getTarget().invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ReflectiveOperationException(e);
        }
    }

    /**
     * The shape of a public record whose every component type the fast path handles, or null. {@code shapes} holds the
     * shapes built so far (a record nested in itself reuses the one being built).
     */
    static RecordShape of(Class<?> type, Map<Class<?>, RecordShape> shapes) {
        if (shapes.containsKey(type)) {
            return shapes.get(type);
        }
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers())) {
            shapes.put(type, null);
            return null;
        }
        RecordShape shape;
        try {
            shape = new RecordShape(type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            shapes.put(type, null);
            return null;
        }
        shapes.put(type, shape);
        Function<Class<?>, JsonValueCodec> nested = c -> of(c, shapes);
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            shape.codecs[i] = JsonValueCodec.of(components[i].getGenericType(), nested);
            if (shape.codecs[i] == null) {
                shapes.put(type, null);
                return null;
            }
        }
        return shape;
    }

    @Override
    public void write(JsonGenerator g, Object record) {
        g.writeStartObject();
        for (int i = 0; i < accessors.length; i++) {
            Object value = accessors[i].apply(record);
            g.writeName(names[i]);
            if (value == null) {
                g.writeNull();
            } else {
                codecs[i].write(g, value);
            }
        }
        g.writeEndObject();
    }

    @Override
    public Object read(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            throw StreamingRecordJson.Declined.INSTANCE;
        }
        Object[] args = defaults.clone();
        boolean[] seen = new boolean[args.length];
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            p.nextToken();
            Integer i = index.get(name);
            if (i == null) {
                p.skipChildren();
                continue;
            }
            if (seen[i]) {
                throw StreamingRecordJson.Declined.INSTANCE;
            }
            seen[i] = true;
            Object value = codecs[i].read(p);
            if (value != null) {
                args[i] = value;
            }
        }
        try {
            return (Object) constructor.invokeExact(args);
        } catch (Error e) {
            throw e;
        } catch (Throwable refused) {
            // the record's own checks refused the values: Jackson reports that with the field's path
            throw StreamingRecordJson.Declined.INSTANCE;
        }
    }
}
