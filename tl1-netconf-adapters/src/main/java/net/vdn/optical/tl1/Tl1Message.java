package net.vdn.optical.tl1;

import java.util.List;

/** An output message from a TL1 network element. */
public sealed interface Tl1Message
    permits Tl1Message.Response,
        Tl1Message.Autonomous,
        Tl1Message.Acknowledgment,
        Tl1Message.Malformed {

  /** The completion status of a response. */
  enum Status {
    COMPLD,
    DENY,
    PRTL,
    DELAY,
    RTRV
  }

  /**
   * A response block ({@code M CTAG STATUS}).
   *
   * @param sid the source identifier of the header
   * @param ctag the correlation tag of the command it answers
   * @param status its completion code
   * @param lines the quoted lines, unescaped, in order
   * @param errorCode for DENY, the four-letter error code (empty if none was sent)
   * @param comments the comment texts
   * @param continued whether more blocks follow ({@code >})
   */
  record Response(
      String sid,
      String ctag,
      Status status,
      List<String> lines,
      String errorCode,
      List<String> comments,
      boolean continued)
      implements Tl1Message {
    public Response {
      lines = List.copyOf(lines);
      comments = List.copyOf(comments);
    }

    /** The quoted lines parsed into blocks and parameters. */
    public List<Tl1Line> parsedLines() {
      return lines.stream().map(Tl1Line::parse).toList();
    }
  }

  /**
   * An autonomous message (alarm or event).
   *
   * @param sid the source identifier
   * @param alarmCode {@code *C} critical, {@code **} major, {@code *} minor, {@code A} no alarm
   * @param atag the autonomous tag
   * @param verb the message's verb and modifiers, for example {@code REPT ALM EQPT}
   * @param lines the quoted lines, unescaped
   */
  record Autonomous(String sid, String alarmCode, String atag, String verb, List<String> lines)
      implements Tl1Message {
    public Autonomous {
      lines = List.copyOf(lines);
    }

    public List<Tl1Line> parsedLines() {
      return lines.stream().map(Tl1Line::parse).toList();
    }
  }

  /** An acknowledgment ({@code IP}, {@code PF}, {@code OK}, {@code NA}, {@code NG}, {@code RL}). */
  record Acknowledgment(String code, String ctag) implements Tl1Message {}

  /** Text that is not a TL1 message, with why. */
  record Malformed(String text, String reason) implements Tl1Message {}
}
