package org.printgate.ipp;

import com.hp.jipp.encoding.Attribute;
import com.hp.jipp.encoding.MutableAttributeGroup;
import com.hp.jipp.model.RequestedAttribute;
import com.hp.jipp.model.Types;
import java.util.List;
import java.util.Set;

/** The requested-attributes filter (RFC 8011 §4.2.5.1): names, or the groups "all" and kin. */
public final class RequestedAttributes {
    private static final Set<String> GROUP_NAMES = Set.of(RequestedAttribute.all, RequestedAttribute.printerDescription,
            RequestedAttribute.jobTemplate, RequestedAttribute.jobDescription, ExtraTypes.jobStatus,
            ExtraTypes.printerStatus);
    private final Set<String> names;

    private RequestedAttributes(Set<String> names) {
        this.names = names;
    }

    /** From the request, or {@code fallback} when it names none. */
    public static RequestedAttributes of(IppRequest request, Set<String> fallback) {
        List<String> requested = request.operationValues(Types.requestedAttributes);
        return new RequestedAttributes(requested.isEmpty() ? fallback : Set.copyOf(requested));
    }

    public boolean wants(String name) {
        for (String group : GROUP_NAMES) {
            if (names.contains(group)) {
                return true;
            }
        }
        return names.contains(name);
    }

    public void copy(List<Attribute<?>> attributes, MutableAttributeGroup group) {
        for (Attribute<?> attribute : attributes) {
            if (wants(attribute.getName())) {
                group.add(attribute);
            }
        }
    }
}
