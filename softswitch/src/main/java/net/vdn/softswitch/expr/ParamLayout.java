package net.vdn.softswitch.expr;

/**
 * Where each action parameter lives in the action data words: parameter {@code i} of width {@code
 * widths[i]} starts at word {@code slots[i]}.
 */
public record ParamLayout(int[] slots, int[] widths, int words) {
  public static final ParamLayout NONE = new ParamLayout(new int[0], new int[0], 0);

  public static ParamLayout of(int[] widths) {
    int[] slots = new int[widths.length];
    int words = 0;
    for (int i = 0; i < widths.length; i++) {
      slots[i] = words;
      words += (widths[i] + 63) >>> 6;
    }
    return new ParamLayout(slots, widths, words);
  }

  public int count() {
    return widths.length;
  }
}
