package net.vdn.optical.netconf.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.vdn.optical.netconf.NetconfProtocolException;
import net.vdn.optical.netconf.Notification;
import net.vdn.optical.netconf.RpcError;
import org.w3c.dom.Element;

/** Reads what a server sends: hellos, rpc-errors, notifications. */
public final class Replies {
  private static final Pattern MESSAGE_ID =
      Pattern.compile(
          "<(?:[A-Za-z_][\\w.-]*:)?rpc-reply\\b[^>]*?\\smessage-id\\s*=\\s*[\"']([^\"'<>&]{1,64})[\"']");

  private Replies() {}

  /** The rpc-errors of a reply, in order. */
  static List<RpcError> errors(Element reply) {
    List<RpcError> out = new ArrayList<>();
    for (Element e : Xml.children(reply, Xml.NETCONF_NS, "rpc-error")) {
      Map<String, String> info = new LinkedHashMap<>();
      Xml.child(e, Xml.NETCONF_NS, "error-info")
          .ifPresent(
              i -> {
                for (Element c : Xml.children(i)) {
                  info.put(c.getLocalName(), c.getTextContent().trim());
                }
              });
      out.add(
          new RpcError(
              Xml.childText(e, Xml.NETCONF_NS, "error-type"),
              Xml.childText(e, Xml.NETCONF_NS, "error-tag"),
              Xml.childText(e, Xml.NETCONF_NS, "error-severity"),
              Xml.childText(e, Xml.NETCONF_NS, "error-app-tag"),
              Xml.childText(e, Xml.NETCONF_NS, "error-path"),
              Xml.childText(e, Xml.NETCONF_NS, "error-message"),
              info));
    }
    return out;
  }

  /** A notification, or a protocol error when it has no valid eventTime. */
  public static Notification notification(Element root) throws NetconfProtocolException {
    String time = Xml.childText(root, Xml.NOTIFICATION_NS, "eventTime");
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(time);
    } catch (DateTimeParseException e) {
      throw new NetconfProtocolException("notification with a bad eventTime '" + time + "'");
    }
    Element content = null;
    for (Element c : Xml.children(root)) {
      if (!Xml.is(c, Xml.NOTIFICATION_NS, "eventTime")) {
        content = c;
        break;
      }
    }
    return new Notification(at, content);
  }

  /**
   * The message-id of an rpc-reply that is not well-formed XML, found in its start tag, so the rpc
   * it answers can fail at once rather than time out.
   */
  static Optional<String> messageIdOfMalformed(String text) {
    Matcher m = MESSAGE_ID.matcher(text.length() > 4096 ? text.substring(0, 4096) : text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
