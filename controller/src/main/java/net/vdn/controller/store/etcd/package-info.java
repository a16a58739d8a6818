/**
 * The cluster's store on etcd: every controller's state in one key space, read from a cache that
 * one watch keeps current, changed through transactions that compare what they read.
 */
package net.vdn.controller.store.etcd;
