package net.vdn.controller.error;

/** Bad input that names the field it is about (the REST API answers it with 400). */
public class ConfigException extends IllegalArgumentException {
  private final String field;

  public ConfigException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
