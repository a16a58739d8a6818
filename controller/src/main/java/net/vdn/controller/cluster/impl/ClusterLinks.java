package net.vdn.controller.cluster.impl;

import net.vdn.controller.store.etcd.Etcd;
import net.vdn.controller.store.etcd.MasterRecord;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.LinkStore;

/**
 * The cluster's links: those of a link store, aged only while the link's source device is probed by
 * a live master that has it ready ({@code ready/DEVICE} naming that master at its term).
 */
final class ClusterLinks implements LinkStore {
  private final LinkStore store;
  private final ClusterManager cluster;
  private final Etcd etcd;

  ClusterLinks(LinkStore store, ClusterManager cluster, Etcd etcd) {
    this.store = store;
    this.cluster = cluster;
    this.etcd = etcd;
  }

  @Override
  public void put(Link link) {
    store.put(link);
  }

  @Override
  public void remove(Link link) {
    store.remove(link);
  }

  @Override
  public void addListener(Listener listener) {
    store.addListener(listener);
  }

  @Override
  public boolean probed(String device) {
    MasterRecord m = cluster.master(device);
    return m != null
        && cluster.live().contains(m.member())
        && m.equals(MasterRecord.read(etcd.get("ready/" + device)));
  }
}
