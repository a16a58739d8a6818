package net.vdn.optical.netconf;

import java.time.OffsetDateTime;
import org.w3c.dom.Element;

/**
 * A notification (RFC 5277): when the event happened and its content element (the first child after
 * {@code eventTime}).
 */
public record Notification(OffsetDateTime eventTime, Element content) {

  /** The content's local name, for example {@code netconf-config-change}. */
  public String name() {
    return content == null ? "" : content.getLocalName();
  }

  /** The content's namespace. */
  public String namespace() {
    return content == null ? "" : content.getNamespaceURI();
  }
}
