package net.vdn.controller.slice.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.vdn.controller.slice.SliceEvent;
import net.vdn.controller.slice.SliceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The slice service's listeners: each event to each, a failing listener logged and skipped. */
final class SliceEvents {
  private static final Logger log = LoggerFactory.getLogger(SliceEvents.class);
  private final List<SliceListener> listeners = new CopyOnWriteArrayList<>();

  void add(SliceListener listener) {
    listeners.add(listener);
  }

  void fire(SliceEvent.Type type, String slice, String detail, long programmingNanos) {
    SliceEvent event = new SliceEvent(type, slice, detail, programmingNanos);
    for (SliceListener l : listeners) {
      try {
        l.sliceChanged(event);
      } catch (RuntimeException e) {
        log.warn("slice listener failed on {}: {}", event, e.toString());
      }
    }
  }
}
