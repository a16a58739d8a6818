package net.vdn.optical.netconf;

import java.util.Map;

/**
 * One {@code rpc-error} of a reply (RFC 6241 section 4.3).
 *
 * @param type transport, rpc, protocol or application
 * @param tag the error tag, for example {@code data-exists} or {@code invalid-value}
 * @param severity error or warning
 * @param appTag the server's own tag, or empty
 * @param path the XPath of the node in error, or empty
 * @param message the human-readable message, or empty
 * @param info the {@code error-info} children by local name (text content)
 */
public record RpcError(
    String type,
    String tag,
    String severity,
    String appTag,
    String path,
    String message,
    Map<String, String> info) {

  public RpcError {
    info = Map.copyOf(info);
  }

  public boolean isError() {
    return !"warning".equals(severity);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(type).append('/').append(tag);
    if (!path.isEmpty()) {
      s.append(" at ").append(path);
    }
    if (!message.isEmpty()) {
      s.append(": ").append(message);
    }
    if (!info.isEmpty()) {
      s.append(' ').append(info);
    }
    return s.toString();
  }
}
