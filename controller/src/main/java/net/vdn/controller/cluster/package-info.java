/**
 * A cluster of controllers sharing one etcd: its members, which devices each masters and at which
 * term, as the northbound sees them; and the cluster's settings.
 */
package net.vdn.controller.cluster;
