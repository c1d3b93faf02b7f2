package dev.ldai.operator.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One run of the command-line tool in the test's application: its exit code and what it printed. */
record CommandLineRun(int exitCode, String out, String err) {

  static CommandLineRun of(CommandLineTool tool, String... args) {
    return withInput(tool, "", args);
  }

  /** A run whose standard input holds {@code input}. */
  static CommandLineRun withInput(CommandLineTool tool, String input, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    int exitCode = tool.execute(in, new PrintWriter(out), new PrintWriter(err), args);
    return new CommandLineRun(exitCode, out.toString(), err.toString());
  }
}
