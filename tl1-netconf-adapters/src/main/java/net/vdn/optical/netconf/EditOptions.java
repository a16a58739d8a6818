package net.vdn.optical.netconf;

/**
 * The options of an edit-config (RFC 6241 section 7.2); a null option is left out so the server's
 * default applies.
 */
public record EditOptions(
    DefaultOperation defaultOperation, TestOption testOption, ErrorOption errorOption) {

  /** No option: merge, test-then-set, stop-on-error (the server's defaults). */
  public static final EditOptions DEFAULTS = new EditOptions(null, null, null);

  public enum DefaultOperation {
    MERGE("merge"),
    REPLACE("replace"),
    NONE("none");

    final String xml;

    DefaultOperation(String xml) {
      this.xml = xml;
    }
  }

  public enum TestOption {
    TEST_THEN_SET("test-then-set"),
    SET("set"),
    TEST_ONLY("test-only");

    final String xml;

    TestOption(String xml) {
      this.xml = xml;
    }
  }

  public enum ErrorOption {
    STOP_ON_ERROR("stop-on-error"),
    CONTINUE_ON_ERROR("continue-on-error"),
    ROLLBACK_ON_ERROR("rollback-on-error");

    final String xml;

    ErrorOption(String xml) {
      this.xml = xml;
    }
  }

  public EditOptions withDefaultOperation(DefaultOperation op) {
    return new EditOptions(op, testOption, errorOption);
  }

  public EditOptions withTestOption(TestOption option) {
    return new EditOptions(defaultOperation, option, errorOption);
  }

  public EditOptions withErrorOption(ErrorOption option) {
    return new EditOptions(defaultOperation, testOption, option);
  }
}
