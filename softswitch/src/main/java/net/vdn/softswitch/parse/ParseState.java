package net.vdn.softswitch.parse;

import java.math.BigInteger;
import net.vdn.softswitch.expr.Expr;
import net.vdn.softswitch.runtime.Phv;

/** A compiled parse state: operations, then a select on the transition key. */
final class ParseState {
  /** One parser operation. */
  @FunctionalInterface
  interface Op {
    void run(Phv p);
  }

  final String name;
  Op[] ops = new Op[0];
  Expr[] key = new Expr[0];
  int[] keyWidths = new int[0];
  int keyLength;
  byte[][] values = new byte[0][];
  byte[][] masks = new byte[0][];
  ParseState[] targets = new ParseState[0];
  boolean[] accepts = new boolean[0];
  boolean hasDefault;

  ParseState(String name) {
    this.name = name;
  }

  /** Runs the operations and returns the transition index taken, or -1 for no match. */
  int run(Phv p) {
    for (Op op : ops) {
      op.run(p);
    }
    byte[] keyBytes = p.scratch.selectKey(keyLength);
    int pos = 0;
    for (int i = 0; i < key.length; i++) {
      int bytes = (keyWidths[i] + 7) >>> 3;
      if (keyWidths[i] <= 64) {
        long v = key[i].eval(p);
        for (int b = bytes - 1; b >= 0; b--) {
          keyBytes[pos + b] = (byte) v;
          v >>>= 8;
        }
      } else {
        byte[] big = key[i].big(p).toByteArray();
        for (int b = 0; b < bytes; b++) {
          int src = big.length - bytes + b;
          keyBytes[pos + b] = src >= 0 ? big[src] : 0;
        }
      }
      pos += bytes;
    }
    for (int t = 0; t < values.length; t++) {
      byte[] v = values[t];
      if (v == null) {
        return t;
      }
      byte[] m = masks[t];
      boolean match = true;
      for (int b = 0; b < v.length && match; b++) {
        int k = keyBytes[b];
        match = m == null ? (byte) k == v[b] : ((k ^ v[b]) & m[b]) == 0;
      }
      if (match) {
        return t;
      }
    }
    return -1;
  }

  static byte[] fixed(BigInteger v, int bytes) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[bytes];
    for (int b = 0; b < bytes; b++) {
      int src = raw.length - bytes + b;
      out[b] = src >= 0 ? raw[src] : 0;
    }
    return out;
  }
}
