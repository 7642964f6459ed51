package io.entrascim.testkit.scim;

import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resources of one type by id, with a unique, case-insensitive key (userName or displayName).
 * Hands out copies only, so the SCIM engine's patching never mutates stored state behind our back.
 */
final class InMemoryStore<T extends ResourceNode> {

    private final Class<T> type;
    private final String resourceType;
    private final String keyName;
    private final Function<T, Optional<String>> key;
    private final java.util.function.UnaryOperator<T> normaliser;
    private final Map<String, T> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByKey = new ConcurrentHashMap<>();
    /** The key each id holds in {@link #idByKey}: the stored resource itself is not trusted to still carry it. */
    private final Map<String, String> keyById = new ConcurrentHashMap<>();

    InMemoryStore(Class<T> type, String resourceType, String keyName, Function<T, Optional<String>> key,
                  java.util.function.UnaryOperator<T> normaliser) {
        this.normaliser = normaliser;
        this.type = type;
        this.resourceType = resourceType;
        this.keyName = keyName;
        this.key = key;
    }

    T create(T resource) {
        String id = UUID.randomUUID().toString();
        String k = normalise(resource);
        if (k != null && idByKey.putIfAbsent(k, id) != null) {
            throw new ConflictException(resourceType + " with " + keyName + " '" + key.apply(resource).orElse("")
                    + "' already exists", "uniqueness");
        }
        if (k != null) {
            keyById.put(id, k);
        }
        Instant now = Instant.now();
        resource.setId(id);
        normaliser.apply(resource);
        resource.remove("meta");
        resource.setMeta(Meta.builder().resourceType(resourceType).created(now).lastModified(now).build());
        byId.put(id, copy(resource));
        return resource;
    }

    synchronized T update(T resource) {
        String id = resource.getId().orElseThrow(() -> new ResourceNotFoundException("resource without id"));
        T old = byId.get(id);
        if (old == null) {
            throw new ResourceNotFoundException(resourceType + " '" + id + "' not found");
        }
        String oldKey = keyById.get(id);
        String newKey = normalise(resource);
        if (newKey != null && !newKey.equals(oldKey)) {
            if (idByKey.putIfAbsent(newKey, id) != null) {
                throw new ConflictException(resourceType + " with " + keyName + " '" + key.apply(resource).orElse("")
                        + "' already exists", "uniqueness");
            }
            keyById.put(id, newKey);
        }
        if (oldKey != null && !oldKey.equals(newKey)) {
            idByKey.remove(oldKey, id);
            if (newKey == null) {
                keyById.remove(id);
            }
        }
        Meta meta = old.getMeta().orElse(null);
        Instant now = Instant.now();
        normaliser.apply(resource);
        resource.remove("meta");
        resource.setMeta(Meta.builder().resourceType(resourceType)
                .created(meta == null ? now : meta.getCreated().orElse(now))
                .lastModified(now).build());
        byId.put(id, copy(resource));
        return resource;
    }

    T get(String id) {
        T found = byId.get(id);
        if (found == null) {
            throw new ResourceNotFoundException(resourceType + " '" + id + "' not found");
        }
        return copy(found);
    }

    void delete(String id) {
        T removed = byId.remove(id);
        if (removed == null) {
            throw new ResourceNotFoundException(resourceType + " '" + id + "' not found");
        }
        String k = keyById.remove(id);
        if (k != null) {
            idByKey.remove(k, id);
        }
    }

    /** Only the resource with that key (fast path for {@code key eq "x"}), as a copy. */
    List<T> byKey(String value) {
        String id = idByKey.get(value.toLowerCase(Locale.ROOT));
        T found = id == null ? null : byId.get(id);
        return found == null ? List.of() : List.of(copy(found));
    }

    List<T> all() {
        List<T> out = new ArrayList<>(byId.size());
        byId.values().forEach(r -> out.add(copy(r)));
        return out;
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
        idByKey.clear();
        keyById.clear();
    }

    private String normalise(T resource) {
        return key.apply(resource).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    }

    private T copy(T resource) {
        return JsonHelper.copyResourceToObject(resource, type);
    }
}
