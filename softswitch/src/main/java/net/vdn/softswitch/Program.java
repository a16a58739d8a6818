package net.vdn.softswitch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.vdn.softswitch.action.ActionFn;
import net.vdn.softswitch.extern.Calculation;
import net.vdn.softswitch.extern.CounterArray;
import net.vdn.softswitch.extern.MeterArray;
import net.vdn.softswitch.extern.RegisterArray;
import net.vdn.softswitch.parse.Checksums;
import net.vdn.softswitch.parse.Deparser;
import net.vdn.softswitch.parse.Parser;
import net.vdn.softswitch.pipeline.Pipeline;
import net.vdn.softswitch.program.FieldInfo;
import net.vdn.softswitch.program.Layout;
import net.vdn.softswitch.program.ProgramException;
import net.vdn.softswitch.program.StandardMetadata;
import net.vdn.softswitch.table.ActionProfile;
import net.vdn.softswitch.table.MatchTable;

/**
 * A v1model program compiled from p4c's BMv2 JSON: its layout, parser, controls, deparser and
 * stateful objects. A program belongs to one {@link Switch}; load it with {@link Switch#load}.
 */
public final class Program {
  /** A field list (for clone, resubmit and recirculate that preserve metadata). */
  public record FieldList(int id, String name, List<FieldInfo> fields) {}

  /** A learn list: the fields a digest carries. */
  public record LearnList(int id, String name, List<FieldInfo> fields) {}

  final Layout layout;
  final StandardMetadata std;
  final Parser parser;
  final Deparser deparser;
  final Checksums checksums;
  final Pipeline ingress;
  final Pipeline egress;
  final Map<Integer, ActionFn> actions;
  final Map<String, MatchTable> tables;
  final Map<String, ActionProfile> profiles;
  final Map<String, CounterArray> counters;
  final Map<String, MeterArray> meters;
  final Map<String, RegisterArray> registers;
  final Map<String, Calculation> calculations;
  final Map<Integer, FieldList> fieldLists;
  final Map<Integer, LearnList> learnLists;
  final Map<String, Integer> errors;

  Program(ProgramBuilder b) {
    this.layout = b.layout;
    this.std = b.std;
    this.parser = b.parser;
    this.deparser = b.deparser;
    this.checksums = b.checksums;
    this.ingress = b.ingress;
    this.egress = b.egress;
    this.actions = Collections.unmodifiableMap(b.actions);
    Map<String, MatchTable> all = new LinkedHashMap<>(ingress.tables());
    all.putAll(egress.tables());
    this.tables = Collections.unmodifiableMap(all);
    this.profiles = Collections.unmodifiableMap(b.tableLoader.profiles());
    this.counters = Collections.unmodifiableMap(b.counters);
    this.meters = Collections.unmodifiableMap(b.meters);
    this.registers = Collections.unmodifiableMap(b.registers);
    this.calculations = Collections.unmodifiableMap(b.calculations);
    this.fieldLists = Collections.unmodifiableMap(b.fieldLists);
    this.learnLists = Collections.unmodifiableMap(b.learnLists);
    this.errors = Collections.unmodifiableMap(b.errors);
  }

  static JsonNode parseJson(byte[] json) {
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      if (root == null || !root.isObject()) {
        throw new ProgramException("program: the BMv2 JSON must be an object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ProgramException(
          "program: malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (java.io.IOException e) {
      throw new ProgramException("program: cannot read JSON: " + e.getMessage(), e);
    }
  }

  public Layout layout() {
    return layout;
  }

  /** All match tables of both controls by name, in program order. */
  public Map<String, MatchTable> tables() {
    return tables;
  }

  /** All actions by BMv2 JSON id. */
  public Map<Integer, ActionFn> actions() {
    return actions;
  }

  public Map<String, ActionProfile> actionProfiles() {
    return profiles;
  }

  public Map<String, CounterArray> counters() {
    return counters;
  }

  public Map<String, MeterArray> meters() {
    return meters;
  }

  public Map<String, RegisterArray> registers() {
    return registers;
  }

  public Map<Integer, LearnList> learnLists() {
    return learnLists;
  }

  /** Error constants (name to value) as p4c numbered them. */
  public Map<String, Integer> errors() {
    return errors;
  }
}
