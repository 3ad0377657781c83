package io.tributary.web.shell;

import jakarta.el.ELContext;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Lets pages read a view record's components as properties, {@code #{d.name}} for {@code d.name()}, as Jakarta EL 6
 * will; EL 5 (Jakarta EE 10) only knows getters. PrimeFaces' {@code field} columns rely on it. Read-only.
 */
public class RecordProperties extends ELResolver {

    private static RecordComponent component(Object base, Object property) {
        if (base == null || !base.getClass().isRecord() || !(property instanceof String name)) {
            return null;
        }
        for (RecordComponent component : base.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component == null) {
            return null;
        }
        try {
            Object value = component.getAccessor().invoke(base);
            context.setPropertyResolved(base, property);
            return value;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new PropertyNotFoundException(
                    "Cannot read " + property + " of " + base.getClass().getName(), e);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component == null) {
            return null;
        }
        context.setPropertyResolved(base, property);
        // Read-only: EL's contract answers null for the type of a property that cannot be written.
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (component(base, property) != null) {
            throw new jakarta.el.PropertyNotWritableException("A record's " + property + " is read-only");
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (component(base, property) != null) {
            context.setPropertyResolved(base, property);
            return true;
        }
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base != null && base.getClass().isRecord() ? String.class : null;
    }
}
