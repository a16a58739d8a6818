package net.vdn.optical.netconf;

import net.vdn.optical.netconf.internal.Xml;
import org.w3c.dom.Element;

/** The {@code operation} attribute of a node in an edit-config (RFC 6241 section 7.2). */
public enum Operation {
  MERGE("merge"),
  REPLACE("replace"),
  CREATE("create"),
  DELETE("delete"),
  REMOVE("remove");

  private final String xml;

  Operation(String xml) {
    this.xml = xml;
  }

  /** Marks a configuration node with this operation; returns the node. */
  public Element on(Element node) {
    node.setAttributeNS(Xml.NETCONF_NS, "nc:operation", xml);
    return node;
  }
}
