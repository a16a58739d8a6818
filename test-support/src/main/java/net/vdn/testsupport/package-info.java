/**
 * What tests that drive real programs share: skips that name a missing program, finding, running
 * and stopping programs, test certificates, and network namespaces joined by veth pairs.
 */
package net.vdn.testsupport;
