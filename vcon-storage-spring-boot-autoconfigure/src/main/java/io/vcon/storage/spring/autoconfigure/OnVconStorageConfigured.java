package io.vcon.storage.spring.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when there is something to configure: {@code vcon.storage.config-file}, a store under
 * {@code vcon.storage.storages} or a {@code vcon.storage.source}. Adding the starter alone changes
 * nothing.
 */
class OnVconStorageConfigured extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    String prefix = VconStorageProperties.PREFIX;
    if (context.getEnvironment().containsProperty(prefix + ".config-file")) {
      return ConditionOutcome.match(prefix + ".config-file is set");
    }
    Bindable<Map<String, Object>> map = Bindable.mapOf(String.class, Object.class);
    if (binder.bind(prefix + ".storages", map).isBound()
        || binder.bind(prefix + ".source", map).isBound()) {
      return ConditionOutcome.match(prefix + ".storages or .source is set");
    }
    return ConditionOutcome.noMatch(
        "none of "
            + prefix
            + ".config-file, "
            + prefix
            + ".storages, "
            + prefix
            + ".source is set");
  }
}
