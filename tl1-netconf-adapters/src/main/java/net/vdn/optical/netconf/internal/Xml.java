package net.vdn.optical.netconf.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML for NETCONF messages, built and parsed with the JDK's DOM: no DTDs, no external entities, no
 * text pasted into markup.
 */
public final class Xml {
  /** The NETCONF base namespace. */
  public static final String NETCONF_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

  /** The namespace of notifications and create-subscription (RFC 5277). */
  public static final String NOTIFICATION_NS = "urn:ietf:params:xml:ns:netconf:notification:1.0";

  private static final DocumentBuilderFactory FACTORY = secureFactory();

  private Xml() {}

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be made safe", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilder b = FACTORY.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new empty document. */
  public static Document newDocument() {
    return builder().newDocument();
  }

  /** Parses a message; anything not well-formed (or with a DTD) is a {@link SAXException}. */
  public static Document parse(String text) throws SAXException {
    try {
      DocumentBuilder b = builder();
      b.setErrorHandler(
          new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return b.parse(new InputSource(new StringReader(text)));
    } catch (java.io.IOException e) {
      throw new SAXException(e);
    }
  }

  /** Serializes a node without an XML declaration. */
  public static String toString(Node node) {
    try {
      TransformerFactory tf = TransformerFactory.newInstance();
      tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = tf.newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(node), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialize XML", e);
    }
  }

  /** A new element in a namespace, appended to {@code parent} when it is an element. */
  public static Element add(Node parent, String namespace, String name) {
    Document doc = parent instanceof Document d ? d : parent.getOwnerDocument();
    Element e = doc.createElementNS(namespace, name);
    parent.appendChild(e);
    return e;
  }

  /** A new element with text content (the text is escaped by the serializer, never parsed). */
  public static Element add(Node parent, String namespace, String name, String text) {
    Element e = add(parent, namespace, name);
    e.setTextContent(text);
    return e;
  }

  /** The element children of a node, in order. */
  public static List<Element> children(Node parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  /** The element children with this namespace and local name. */
  public static List<Element> children(Node parent, String namespace, String localName) {
    List<Element> out = new ArrayList<>();
    for (Element e : children(parent)) {
      if (localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first element child with this namespace and local name. */
  public static Optional<Element> child(Node parent, String namespace, String localName) {
    List<Element> all = children(parent, namespace, localName);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
  }

  /** The trimmed text of the first such child, or empty. */
  public static String childText(Node parent, String namespace, String localName) {
    return child(parent, namespace, localName).map(e -> e.getTextContent().trim()).orElse("");
  }

  /** Whether an element is this namespace's local name. */
  public static boolean is(Node node, String namespace, String localName) {
    return node instanceof Element e
        && localName.equals(e.getLocalName())
        && namespace.equals(e.getNamespaceURI());
  }
}
