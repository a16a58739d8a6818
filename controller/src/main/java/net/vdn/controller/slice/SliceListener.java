package net.vdn.controller.slice;

/** Hears what happens to slices, after it happened (and was stored). */
@FunctionalInterface
public interface SliceListener {
  void sliceChanged(SliceEvent event);
}
