package io.hwplatform.capabilities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Filter;

/** One validation for listing and listening: a caller's filter is one complete LDAP filter or it is refused. */
class CapabilityFiltersTest {

    @Test
    void blankMeansEveryCapability() {
        assertThat(CapabilityFilters.check(null)).isNull();
        assertThat(CapabilityFilters.check("  ")).isNull();
        assertThat(CapabilityFilters.capabilities(null).toString())
                .isEqualTo("(objectClass=io.hwplatform.api.capability.PlatformCapability)");
    }

    @Test
    void aValidFilterIsNormalisedAndCombinedWithTheObjectClass() {
        assertThat(CapabilityFilters.check(" (&(platform.capability=numa)(numa.nodes>=2)) "))
                .isEqualTo("(&(platform.capability=numa)(numa.nodes>=2))");

        Filter combined = CapabilityFilters.capabilities("(numa.nodes>=2)");
        Hashtable<String, Object> numa = new Hashtable<>();
        numa.put("objectClass", new String[] {"io.hwplatform.api.capability.PlatformCapability"});
        numa.put("numa.nodes", 4);
        Hashtable<String, Object> other = new Hashtable<>(numa);
        other.put("objectClass", new String[] {"java.lang.Runnable"});
        assertThat(combined.match(numa)).isTrue();
        assertThat(combined.match(other)).as("the caller cannot widen the object class").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(numa.nodes>=2",                         // unbalanced
        "((",                                     // garbage
        "numa.nodes=2",                           // no parentheses at all
        "(a=b)(c=d)",                             // two filters
        "(a=b))(|(objectClass=*)",                // closes the caller's part early, then widens it
        "(a=b))(objectClass=java.lang.Runnable",  // the same, naming another class
        "*)(objectClass=*",                       // injection without an opening parenthesis
        "(&(a=b)",                                // unclosed conjunction
    })
    void malformedMultiPartAndHostileFiltersAreRefusedClearly(String filter) {
        assertThatThrownBy(() -> CapabilityFilters.check(filter))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid LDAP filter: " + filter);
        assertThatThrownBy(() -> CapabilityFilters.capabilities(filter))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
