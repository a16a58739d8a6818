package net.vdn.controller.topology;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.vdn.controller.device.ConnectPoint;

/** The links between devices, as discovered and kept up to date. */
public interface TopologyService {
  /** Every link direction known now. */
  List<Link> links();

  /** The link direction leaving a port, if any. */
  Optional<Link> linkFrom(ConnectPoint source);

  /** The link directions leaving a device. */
  List<Link> egress(String device);

  /** Whether a link starts or ends at this port (an infrastructure port, not an edge port). */
  boolean isLinkPort(ConnectPoint port);

  /**
   * Whether a link started or ended at this port a short while ago (within the aging window): a
   * port that has just lost its link may still carry other switches' frames.
   */
  boolean wasLinkPort(ConnectPoint port);

  /**
   * Takes links as present until discovery says otherwise (links of stored slices, after a
   * controller restart); links already known are left as they are.
   */
  void assume(Collection<Link> links);

  /**
   * The share of a link direction's capacity its source port sent at over the last counter sample
   * (0.1 is 10%), or -1 when the device does not report it.
   */
  double utilization(Link direction);

  void addListener(TopologyListener listener);
}
