package dev.ldai.operator.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record (its message and parameters, with its throwable chain) while installed on the
 * root logger.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private record Line(Level level, String text) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");

  public static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.setLevel(Level.ALL);
    capture.root.addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        line.append(' ').append(parameter);
      }
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
    }
    lines.add(new Line(record.getLevel(), line.toString()));
  }

  public List<String> lines() {
    return lines.stream().map(Line::text).toList();
  }

  /** The lines logged at {@code level} (JBoss' WARN is {@link Level#WARNING}, its ERROR {@link Level#SEVERE}). */
  public List<String> lines(Level level) {
    return lines.stream().filter(line -> line.level().intValue() == level.intValue()).map(Line::text).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
  }
}
