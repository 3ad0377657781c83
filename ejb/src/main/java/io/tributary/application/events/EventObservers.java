package io.tributary.application.events;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The deployed {@link EventObserver}s, found once at start, each named by its bean class. The references are EJB or
 * client proxies, safe to share between threads; nothing here changes after start.
 */
@ApplicationScoped
public class EventObservers {

    private static final Logger LOG = Logger.getLogger(EventObservers.class.getName());

    /** Payloads are JSON (JSON-B, records by their components); one shared, thread-safe instance, made on first use. */
    private static final class Json {
        static final Jsonb INSTANCE = JsonbBuilder.create();
    }

    /** The event as its stored payload. */
    static String toJson(DomainEvent event) {
        return Json.INSTANCE.toJson(event);
    }

    /** A stored payload read back as its event type. */
    static <E extends DomainEvent> E fromJson(String payload, Class<E> type) {
        return Json.INSTANCE.fromJson(payload, type);
    }

    /** One observer with the event type it takes. */
    public record Registered(String name, Class<? extends DomainEvent> eventType, EventObserver<DomainEvent> observer) {

        /** Reads the stored payload as this observer's event type and hands it over. */
        public void deliver(String payload) {
            observer.observe(fromJson(payload, eventType));
        }
    }

    @Inject
    @Any
    Instance<EventObserver<?>> found;

    private Map<String, Registered> byName = Map.of();

    @PostConstruct
    @SuppressWarnings("unchecked")
    void discover() {
        Map<String, Registered> named = new TreeMap<>();
        for (Instance.Handle<EventObserver<?>> handle : found.handles()) {
            Class<?> beanClass = handle.getBean().getBeanClass();
            Class<? extends DomainEvent> type = eventTypeOf(beanClass);
            named.put(beanClass.getName(), new Registered(beanClass.getName(), type, (EventObserver<DomainEvent>)
                    handle.get()));
        }
        byName = Map.copyOf(named);
        LOG.info(() -> "Event observers: "
                + byName.values().stream()
                        .map(r -> r.eventType().getSimpleName() + " -> " + r.name())
                        .toList());
    }

    /** The names of the observers of this event type, in a stable order. */
    public List<String> of(Class<?> eventType) {
        return byName.values().stream()
                .filter(r -> r.eventType().equals(eventType))
                .map(Registered::name)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    public Optional<Registered> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The {@code E} of {@code implements EventObserver<E>} on the class or a superclass. */
    @SuppressWarnings("unchecked")
    static Class<? extends DomainEvent> eventTypeOf(Class<?> observerClass) {
        for (Class<?> c = observerClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p
                        && p.getRawType() == EventObserver.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> event) {
                    return (Class<? extends DomainEvent>) event;
                }
            }
        }
        throw new IllegalStateException(
                observerClass.getName() + " must implement EventObserver<SomeEvent> with a concrete event type");
    }
}
