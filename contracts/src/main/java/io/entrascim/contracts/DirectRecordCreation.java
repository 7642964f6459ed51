package io.entrascim.contracts;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * Builds public records through their canonical constructor by plain reflection instead of Jackson 3's
 * {@code MethodHandle.invokeWithArguments}, which makes a new argument spreader for every record it builds: a
 * fifth of the CPU spent reading a provisioning command went there, and every service reads one record per object.
 * A constructor that fails (a record's own checks) is called once more the standard way, so the error a reader sees
 * (field, record, cause) is exactly Jackson's.
 */
final class DirectRecordCreation extends JacksonModule {

    @Override
    public String getModuleName() {
        return "entrascim-direct-record-creation";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                                                             BeanDescription.Supplier bean, ValueInstantiator standard) {
                return direct(bean.getBeanClass(), standard);
            }
        });
    }

    static ValueInstantiator direct(Class<?> type, ValueInstantiator standard) {
        if (!type.isRecord() || !Modifier.isPublic(type.getModifiers())
                || standard.getClass() != StdValueInstantiator.class
                || !(((StdValueInstantiator) standard).getWithArgsCreator() instanceof AnnotatedConstructor creator)
                || !Modifier.isPublic(creator.getAnnotated().getModifiers())) {
            return standard;
        }
        return new Direct((StdValueInstantiator) standard, creator.getAnnotated());
    }

    private static final class Direct extends StdValueInstantiator {

        private final Constructor<?> constructor;

        Direct(StdValueInstantiator standard, Constructor<?> constructor) {
            super(standard);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                return super.createFromObjectWith(ctxt, args);
            }
        }
    }
}
