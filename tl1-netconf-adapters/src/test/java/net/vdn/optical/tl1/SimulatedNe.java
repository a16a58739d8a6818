package net.vdn.optical.tl1;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link Tl1Simulator}'s network element holds and how its commands change it: equipment,
 * optical cross-connects and alarms. Each operation answers with the quoted lines it adds to the
 * response, or returns the TL1 error code of its refusal. Thread-safe.
 */
final class SimulatedNe {
  final String tid;
  final String user;
  final String password;
  private final Set<String> ports;
  private final Map<String, Tl1Simulator.CrossConnect> crossConnects = new ConcurrentHashMap<>();
  private final Map<String, String[]> alarms = new ConcurrentHashMap<>();

  SimulatedNe(String tid, String user, String password, Set<String> ports) {
    this.tid = tid;
    this.user = user;
    this.password = password;
    this.ports = Set.copyOf(ports);
  }

  Map<String, Tl1Simulator.CrossConnect> crossConnects() {
    return Map.copyOf(crossConnects);
  }

  /** Null when the user and password are right, else PIUI. */
  String login(String u, String pw) {
    return u.equals(user) && pw.equals(password) ? null : "PIUI";
  }

  String rtrvEqpt(String aid, List<String> answer) {
    List<String> all = new ArrayList<>();
    all.add("SHELF-1:TYPE=ROADM,PST=IS-NR");
    for (String p : ports) {
      all.add(p + ":TYPE=" + (p.startsWith("LINE") ? "OTS" : "OCH-TP") + ",PST=IS-NR");
    }
    for (String line : all) {
      if (aid.isEmpty() || aid.equals("ALL") || line.startsWith(aid + ":")) {
        answer.add(line);
      }
    }
    return answer.isEmpty() ? "IIAC" : null;
  }

  String entCrs(String aid, Map<String, String> p) {
    List<String> ends = SimulatedCommand.split(aid, ',');
    if (ends.size() != 2 || !ports.contains(ends.get(0)) || !ports.contains(ends.get(1))) {
      return "IIAC";
    }
    long freq;
    int width;
    try {
      freq = Long.parseLong(p.getOrDefault("FREQ", ""));
      width = Integer.parseInt(p.getOrDefault("WIDTH", "50000"));
    } catch (NumberFormatException e) {
      return "IDNV";
    }
    if (freq < 184_500_000L || freq > 196_100_000L || width < 6_250 || width > 400_000) {
      return "IDRG";
    }
    String name = p.getOrDefault("CKTID", "");
    synchronized (crossConnects) {
      for (Tl1Simulator.CrossConnect x : crossConnects.values()) {
        boolean samePortAndWavelength =
            (x.from().equals(ends.get(0)) || x.to().equals(ends.get(1)))
                && x.frequencyMhz() == freq;
        if ((!name.isEmpty() && x.name().equals(name)) || samePortAndWavelength) {
          return "SAAS";
        }
      }
      if (crossConnects.putIfAbsent(
              aid,
              new Tl1Simulator.CrossConnect(
                  ends.get(0), ends.get(1), name, freq, width, p.getOrDefault("POWER", "")))
          != null) {
        return "SAAS";
      }
    }
    return null;
  }

  String dltCrs(String aid) {
    return crossConnects.remove(aid) == null ? "IENE" : null;
  }

  String rtrvCrs(String aid, List<String> answer) {
    List<Tl1Simulator.CrossConnect> all = new ArrayList<>(crossConnects.values());
    all.sort(Comparator.comparing(Tl1Simulator.CrossConnect::name));
    for (Tl1Simulator.CrossConnect x : all) {
      String key = x.from() + "," + x.to();
      if (aid.isEmpty() || aid.equals("ALL") || aid.equals(key)) {
        answer.add(
            key
                + ":CKTID=\""
                + x.name()
                + "\",FREQ="
                + x.frequencyMhz()
                + ",WIDTH="
                + x.widthMhz()
                + (x.powerDbm().isEmpty() ? "" : ",POWER=" + x.powerDbm()));
      }
    }
    return !aid.equals("ALL") && !aid.isEmpty() && answer.isEmpty() ? "IENE" : null;
  }

  String rtrvAlmAll(List<String> answer) {
    for (String[] a : alarms.values()) {
      answer.add(alarmLine(a[0], a[1], a[2], a[3]));
    }
    return null;
  }

  /** Raises an alarm; returns the line that reports it. */
  String raiseAlarm(String aid, String severity, String condition, String description) {
    alarms.put(aid + "/" + condition, new String[] {aid, severity, condition, description});
    return alarmLine(aid, severity, condition, description);
  }

  /** Clears an alarm; returns the line that reports the clearing, or null when none was raised. */
  String clearAlarm(String aid, String condition) {
    String[] a = alarms.remove(aid + "/" + condition);
    return a == null ? null : alarmLine(aid, "CL", condition, a[3]);
  }

  private static String alarmLine(String aid, String sev, String cond, String desc) {
    return aid + ":" + sev + "," + cond + ",SA,,,NEND,RCV:\"" + desc + "\"";
  }
}
