package io.hwplatform.capabilities.internal;

import io.hwplatform.api.capability.PlatformCapability;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/**
 * The one validation of a caller's capability filter, for listing and for listening alike: it must be one complete
 * LDAP filter on its own, so that nothing a caller writes can change how it is combined with the capability
 * object class (no trailing filters, no unbalanced parentheses). Pure functions.
 */
final class CapabilityFilters {

    private static final String OBJECT_CLASS = "(objectClass=" + PlatformCapability.class.getName() + ")";

    private CapabilityFilters() {}

    /**
     * @return the filter in its normalised form, or null for a null or blank filter (everything)
     * @throws IllegalArgumentException naming the filter and what is wrong with it
     */
    static String check(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        try {
            return FrameworkUtil.createFilter(filter.trim()).toString();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a valid LDAP filter: " + filter + " (" + e.getMessage() + ")", e);
        }
    }

    /** @return a filter for the capabilities that also match the caller's filter */
    static Filter capabilities(String filter) {
        String checked = check(filter);
        try {
            return FrameworkUtil.createFilter(checked == null ? OBJECT_CLASS : "(&" + OBJECT_CLASS + checked + ")");
        } catch (InvalidSyntaxException cannotHappen) { // both parts are valid filters
            throw new IllegalStateException(cannotHappen);
        }
    }
}
