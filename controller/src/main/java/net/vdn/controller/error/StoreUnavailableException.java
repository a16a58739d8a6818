package net.vdn.controller.error;

/**
 * The shared store (a cluster's etcd) cannot be reached or has no quorum: nothing was changed, and
 * the data plane keeps what it holds (the API answers it with 503).
 */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
