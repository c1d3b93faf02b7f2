package dev.ldai.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command-line tool in the test's application: its exit code and what it printed. */
record CommandLineRun(int exitCode, String out, String err) {

  static CommandLineRun of(CommandLineTool tool, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = tool.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CommandLineRun(exitCode, out.toString(), err.toString());
  }
}
