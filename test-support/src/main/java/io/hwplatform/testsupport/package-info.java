/** Shared by the bundles' tests: cases generated from a seed, and damage for captured host trees. */
package io.hwplatform.testsupport;
