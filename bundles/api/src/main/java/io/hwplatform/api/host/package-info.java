/**
 * Access to the host's files through one configurable filesystem root, so that every probe and backend reads a
 * captured tree (tests, fixtures, another machine's snapshot) through exactly the code path it uses on the live
 * system.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hwplatform.api.host;
