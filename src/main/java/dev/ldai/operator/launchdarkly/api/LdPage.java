package dev.ldai.operator.launchdarkly.api;

import java.util.List;

/** One page of one of LaunchDarkly's paged listings: some items, and how many the whole listing has. */
public interface LdPage<T> {

  List<T> items();

  Integer totalCount();
}
