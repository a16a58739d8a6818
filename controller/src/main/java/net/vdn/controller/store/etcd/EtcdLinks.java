package net.vdn.controller.store.etcd;

import net.vdn.controller.device.ConnectPoint;
import net.vdn.controller.topology.Link;
import net.vdn.controller.topology.LinkStore;

/** The cluster's links in etcd: {@code links/DEVICE/PORT}, the direction leaving that port. */
public final class EtcdLinks implements LinkStore {
  private final Etcd etcd;

  public EtcdLinks(Etcd etcd) {
    this.etcd = etcd;
  }

  private static String key(ConnectPoint src) {
    return "links/" + src.device() + "/" + src.port();
  }

  @Override
  public void put(Link link) {
    String json = EtcdStore.json(link);
    Etcd.Entry e = etcd.get(key(link.src()));
    if (e == null || !e.text().equals(json)) {
      etcd.put(key(link.src()), json);
    }
  }

  @Override
  public void remove(Link link) {
    if (etcd.get(key(link.src())) != null) {
      etcd.delete(key(link.src()));
    }
  }

  @Override
  public void addListener(Listener listener) {
    etcd.addListener(
        "links/",
        (k, before, after, rev) -> {
          if (after != null) {
            listener.added(EtcdStore.parse(after, Link.class));
          } else if (before != null) {
            listener.removed(EtcdStore.parse(before, Link.class));
          }
        });
  }
}
