package net.vdn.optical.netconf.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import net.vdn.optical.netconf.Capabilities;
import net.vdn.optical.netconf.NetconfProtocolException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** The hello each side sends first (RFC 6241 section 8.1): capabilities and the session-id. */
public final class Hellos {
  private Hellos() {}

  /** What the server's hello says. */
  public record Server(Capabilities capabilities, long sessionId) {}

  /** The client's hello with these capabilities. */
  public static String client(Set<String> capabilities) {
    Document doc = Xml.newDocument();
    Element hello = Xml.add(doc, Xml.NETCONF_NS, "hello");
    Element caps = Xml.add(hello, Xml.NETCONF_NS, "capabilities");
    for (String c : capabilities) {
      Xml.add(caps, Xml.NETCONF_NS, "capability", c);
    }
    return Xml.toString(doc);
  }

  /**
   * Reads the server's hello; anything else, a hello without a session-id or one that offers no
   * NETCONF base version is a protocol error that ends the session.
   */
  public static Server server(String text) throws NetconfProtocolException {
    Element root;
    try {
      root = Xml.parse(text).getDocumentElement();
    } catch (SAXException e) {
      throw new NetconfProtocolException("malformed hello: " + e.getMessage(), true, e);
    }
    if (!Xml.is(root, Xml.NETCONF_NS, "hello")) {
      throw new NetconfProtocolException(
          "expected a hello, got <" + root.getLocalName() + ">", true, null);
    }
    Set<String> caps = new LinkedHashSet<>();
    Xml.child(root, Xml.NETCONF_NS, "capabilities")
        .ifPresent(
            c -> {
              for (Element e : Xml.children(c, Xml.NETCONF_NS, "capability")) {
                caps.add(e.getTextContent().trim());
              }
            });
    Capabilities capabilities = new Capabilities(caps);
    String id = Xml.childText(root, Xml.NETCONF_NS, "session-id");
    long sessionId;
    try {
      sessionId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NetconfProtocolException("hello without a valid session-id: '" + id + "'", true, e);
    }
    if (!capabilities.has(Capabilities.BASE_1_0) && !capabilities.has(Capabilities.BASE_1_1)) {
      throw new NetconfProtocolException("the server offers no NETCONF base version", true, null);
    }
    return new Server(capabilities, sessionId);
  }
}
