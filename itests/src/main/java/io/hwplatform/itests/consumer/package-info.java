/** Example consumers that the in-framework tests install next to the bundles under test. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hwplatform.itests.consumer;
