package net.vdn.gnmi;

/** Which part of the data a Get returns; the same names as gNMI's {@code GetRequest.DataType}. */
public enum DataType {
  ALL,
  CONFIG,
  STATE,
  OPERATIONAL
}
