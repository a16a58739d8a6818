package net.vdn.optical.netconf;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import net.vdn.optical.netconf.internal.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The operations of RFC 6241 (and create-subscription of RFC 5277), each built as XML and sent with
 * {@link #rpc(Element)}. Configuration and filters are given as elements of any document; they are
 * copied into the request.
 */
public interface NetconfOperations {

  /** Sends one operation and returns the rpc-reply element. */
  Element rpc(Element operation) throws NetconfException;

  private static Element op(String name) {
    return Xml.add(Xml.newDocument(), Xml.NETCONF_NS, name);
  }

  private static void datastore(Element parent, String wrapper, Datastore ds) {
    Element w = Xml.add(parent, Xml.NETCONF_NS, wrapper);
    Xml.add(w, Xml.NETCONF_NS, ds.element());
  }

  private static void filter(Element op, Element subtree) {
    if (subtree != null) {
      Element f = Xml.add(op, Xml.NETCONF_NS, "filter");
      f.setAttribute("type", "subtree");
      f.appendChild(op.getOwnerDocument().importNode(subtree, true));
    }
  }

  private static Element data(Element reply) {
    return Xml.child(reply, Xml.NETCONF_NS, "data")
        .orElseGet(() -> Xml.add(Xml.newDocument(), Xml.NETCONF_NS, "data"));
  }

  /** {@code <get>}: state and configuration, optionally filtered by a subtree; returns data. */
  default Element get(Element subtreeFilter) throws NetconfException {
    Element op = op("get");
    filter(op, subtreeFilter);
    return data(rpc(op));
  }

  /** {@code <get-config>} of a datastore, optionally filtered by a subtree; returns data. */
  default Element getConfig(Datastore source, Element subtreeFilter) throws NetconfException {
    Element op = op("get-config");
    datastore(op, "source", source);
    filter(op, subtreeFilter);
    return data(rpc(op));
  }

  /**
   * {@code <edit-config>}: the given top-level data nodes (each may carry an {@link Operation}
   * attribute on itself or on nodes inside) go into {@code <config>}.
   */
  default void editConfig(Datastore target, List<Element> config, EditOptions options)
      throws NetconfException {
    Element op = op("edit-config");
    datastore(op, "target", target);
    if (options.defaultOperation() != null) {
      Xml.add(op, Xml.NETCONF_NS, "default-operation", options.defaultOperation().xml);
    }
    if (options.testOption() != null) {
      Xml.add(op, Xml.NETCONF_NS, "test-option", options.testOption().xml);
    }
    if (options.errorOption() != null) {
      Xml.add(op, Xml.NETCONF_NS, "error-option", options.errorOption().xml);
    }
    Element c = Xml.add(op, Xml.NETCONF_NS, "config");
    Document doc = op.getOwnerDocument();
    for (Element e : config) {
      c.appendChild(doc.importNode(e, true));
    }
    rpc(op);
  }

  /** {@code <copy-config>} from one datastore to another. */
  default void copyConfig(Datastore target, Datastore source) throws NetconfException {
    Element op = op("copy-config");
    datastore(op, "target", target);
    datastore(op, "source", source);
    rpc(op);
  }

  /** {@code <copy-config>} of a whole configuration given inline. */
  default void copyConfig(Datastore target, List<Element> config) throws NetconfException {
    Element op = op("copy-config");
    datastore(op, "target", target);
    Element c = Xml.add(Xml.add(op, Xml.NETCONF_NS, "source"), Xml.NETCONF_NS, "config");
    for (Element e : config) {
      c.appendChild(op.getOwnerDocument().importNode(e, true));
    }
    rpc(op);
  }

  /** {@code <delete-config>} (not of running). */
  default void deleteConfig(Datastore target) throws NetconfException {
    Element op = op("delete-config");
    datastore(op, "target", target);
    rpc(op);
  }

  default void lock(Datastore target) throws NetconfException {
    Element op = op("lock");
    datastore(op, "target", target);
    rpc(op);
  }

  default void unlock(Datastore target) throws NetconfException {
    Element op = op("unlock");
    datastore(op, "target", target);
    rpc(op);
  }

  /** {@code <commit>}: candidate becomes running (and confirms a pending confirmed commit). */
  default void commit() throws NetconfException {
    rpc(op("commit"));
  }

  /**
   * A confirmed commit: the server rolls running back unless another commit confirms within {@code
   * timeout}. {@code persist} (or null) lets another session confirm or cancel it.
   */
  default void commitConfirmed(Duration timeout, String persist) throws NetconfException {
    Element op = op("commit");
    Xml.add(op, Xml.NETCONF_NS, "confirmed");
    Xml.add(op, Xml.NETCONF_NS, "confirm-timeout", Long.toString(timeout.toSeconds()));
    if (persist != null) {
      Xml.add(op, Xml.NETCONF_NS, "persist", persist);
    }
    rpc(op);
  }

  /** {@code <cancel-commit>} (confirmed-commit:1.1): undoes a pending confirmed commit now. */
  default void cancelCommit(String persistId) throws NetconfException {
    Element op = op("cancel-commit");
    if (persistId != null) {
      Xml.add(op, Xml.NETCONF_NS, "persist-id", persistId);
    }
    rpc(op);
  }

  /** {@code <discard-changes>}: candidate goes back to running. */
  default void discardChanges() throws NetconfException {
    rpc(op("discard-changes"));
  }

  /** {@code <validate>} of a datastore. */
  default void validate(Datastore source) throws NetconfException {
    Element op = op("validate");
    datastore(op, "source", source);
    rpc(op);
  }

  /** {@code <close-session>}: the server ends this session. */
  default void closeSession() throws NetconfException {
    rpc(op("close-session"));
  }

  /** {@code <kill-session>}: the server ends another session. */
  default void killSession(long sessionId) throws NetconfException {
    Element op = op("kill-session");
    Xml.add(op, Xml.NETCONF_NS, "session-id", Long.toString(sessionId));
    rpc(op);
  }

  /**
   * {@code <create-subscription>} (RFC 5277): the server sends notifications of a stream (null:
   * NETCONF), optionally filtered and replayed from {@code startTime}.
   */
  default void createSubscription(
      String stream, Element subtreeFilter, OffsetDateTime startTime, OffsetDateTime stopTime)
      throws NetconfException {
    Element op = Xml.add(Xml.newDocument(), Xml.NOTIFICATION_NS, "create-subscription");
    if (stream != null) {
      Xml.add(op, Xml.NOTIFICATION_NS, "stream", stream);
    }
    if (subtreeFilter != null) {
      Element f = Xml.add(op, Xml.NOTIFICATION_NS, "filter");
      f.setAttribute("type", "subtree");
      f.appendChild(op.getOwnerDocument().importNode(subtreeFilter, true));
    }
    if (startTime != null) {
      Xml.add(op, Xml.NOTIFICATION_NS, "startTime", startTime.toString());
    }
    if (stopTime != null) {
      Xml.add(op, Xml.NOTIFICATION_NS, "stopTime", stopTime.toString());
    }
    rpc(op);
  }
}
