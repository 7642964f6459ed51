package io.entrascim.testkit.scim;

import de.captaingoldfish.scim.sdk.common.constants.enums.Comparator;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.resources.ResourceNode;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.AttributeExpressionLeaf;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.filter.resources.FilterResourceResolver;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;

import java.util.List;

/**
 * SCIM-SDK resource handler (subclassed per type: the SDK reads the type argument reflectively)
 * over an {@link InMemoryStore}. Filtering uses the SDK's own resolver; an {@code eq} on the unique
 * key is answered from the index instead, so matching queries stay O(1) when the target holds many
 * resources (and values with escaped quotes or backslashes compare literally).
 */
abstract class StoreBackedHandler<T extends ResourceNode> extends ResourceHandler<T> {

    private final InMemoryStore<T> store;
    private final String keyAttribute;

    StoreBackedHandler(InMemoryStore<T> store, String keyAttribute) {
        this.store = store;
        this.keyAttribute = keyAttribute;
    }

    @Override
    public T createResource(T resource, Context context) {
        return store.create(resource);
    }

    @Override
    public T getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes,
                         Context context) {
        return store.get(id);
    }

    @Override
    public PartialListResponse<T> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                List<SchemaAttribute> excludedAttributes, Context context) {
        List<T> candidates;
        if (filter instanceof AttributeExpressionLeaf leaf && leaf.getComparator() == Comparator.EQ
                && isKey(leaf)
                && leaf.getStringValue().isPresent()) {
            candidates = store.byKey(KeyFilterLiteral.resolve(leaf.getStringValue().get()));
        } else if (filter != null) {
            candidates = FilterResourceResolver.filterResources(getServiceProvider(), store.all(), filter);
        } else {
            candidates = store.all();
        }
        return PartialListResponse.<T>builder().resources(candidates).totalResults(candidates.size()).build();
    }

    private boolean isKey(AttributeExpressionLeaf leaf) {
        String full = leaf.getFullName();
        return full != null && (full.equalsIgnoreCase(keyAttribute) || full.toLowerCase().endsWith(":" + keyAttribute.toLowerCase()));
    }

    @Override
    public T updateResource(T resource, Context context) {
        return store.update(resource);
    }

    @Override
    public void deleteResource(String id, Context context) {
        store.delete(id);
    }
}
