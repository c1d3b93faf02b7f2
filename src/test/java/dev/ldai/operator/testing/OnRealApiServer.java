package dev.ldai.operator.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A test class that runs on the {@link RealApiServer}: the server is started before the class (or the class is
 * skipped with one line where none can be had), and every test that passes or fails on it is recorded for
 * {@code .ci/run}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnRealApiServer.Extension.class)
public @interface OnRealApiServer {

  final class Extension implements BeforeAllCallback, TestWatcher {

    @Override
    public void beforeAll(ExtensionContext context) {
      RealApiServer.orSkip();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
      RealApiServer.recordRan(context.getUniqueId());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      RealApiServer.recordRan(context.getUniqueId());
    }
  }
}
