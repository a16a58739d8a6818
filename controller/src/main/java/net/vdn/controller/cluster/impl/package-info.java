/**
 * The cluster over etcd: membership (a lease and a heartbeat per controller), mastership of every
 * device (balanced, claimed in transactions, terms that only grow), and slices programmed on
 * devices mastered by other controllers through requests their masters answer.
 */
package net.vdn.controller.cluster.impl;
