package net.vdn.controller.store.etcd;

/**
 * The master of a device, as {@code masters/DEVICE} holds it: never deleted, so its term only
 * grows. The store fences slice writes on these keys; the cluster claims them.
 */
public record MasterRecord(String member, long term) {
  public static String key(String device) {
    return "masters/" + device;
  }

  public static MasterRecord read(Etcd.Entry e) {
    return e == null ? null : EtcdStore.parse(e, MasterRecord.class);
  }

  public String json() {
    return EtcdStore.json(this);
  }
}
