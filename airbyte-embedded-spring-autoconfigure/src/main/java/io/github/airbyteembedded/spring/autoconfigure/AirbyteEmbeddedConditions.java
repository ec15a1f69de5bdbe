package io.github.airbyteembedded.spring.autoconfigure;

import io.github.airbyteembedded.servlet.AirbyteEmbedded;
import io.github.airbyteembedded.servlet.AirbyteEmbeddedConfig;
import io.github.airbyteembedded.servlet.internal.settings.Settings;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * When Airbyte Embedded is active: a client id with text, the emulator on, or the application's own
 * {@link AirbyteEmbeddedConfig} or {@link AirbyteEmbedded} bean.
 */
final class AirbyteEmbeddedConditions {

    static final String CLIENT_ID_PROPERTY = Settings.CLIENT_ID.springProperty();

    private AirbyteEmbeddedConditions() {
    }

    /** Matches when Airbyte Embedded is active. */
    static final class Active extends AnyNestedCondition {

        Active() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(ClientIdHasText.class)
        static final class ClientId {
        }

        @Conditional(EmulatorEnabled.class)
        static final class Emulator {
        }

        @ConditionalOnBean(AirbyteEmbeddedConfig.class)
        static final class ApplicationConfig {
        }

        @ConditionalOnBean(AirbyteEmbedded.class)
        static final class ApplicationIntegration {
        }
    }

    /** Matches when Airbyte Embedded is not active: the exact opposite of {@link Active}. */
    static final class Inactive extends SpringBootCondition implements ConfigurationCondition {

        private final Active active = new Active();

        @Override
        public ConfigurationPhase getConfigurationPhase() {
            return ConfigurationPhase.REGISTER_BEAN;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionOutcome outcome = active.getMatchOutcome(context, metadata);
            return outcome.isMatch() ? ConditionOutcome.noMatch("Airbyte Embedded is active: " + outcome.getMessage())
                    : ConditionOutcome.match("Airbyte Embedded is not active: " + outcome.getMessage());
        }
    }

    /**
     * Matches when the development emulator is on: {@code airbyte.embedded.emulator=true}, or its older
     * name {@code airbyte.embedded.emulator.enabled=true}.
     */
    static final class EmulatorEnabled extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isOn(context.getEnvironment())
                    ? ConditionOutcome.match(Settings.EMULATOR.springProperty() + " is true")
                    : ConditionOutcome.noMatch(Settings.EMULATOR.springProperty() + " is not true");
        }

        /** Whether the emulator setting is on, under its key or an older name. */
        static boolean isOn(Environment environment) {
            return Boolean.TRUE.equals(SettingsBinding.bind(environment, Settings.EMULATOR));
        }
    }

    /**
     * Matches when the client id property has text: a blank value, e.g. an unset {@code ${AIRBYTE_CLIENT_ID:}},
     * is absent. The value is bound, not resolved: {@code ${AIRBYTE_CLIENT_ID}} with no such variable counts
     * as set, and is then ignored with the emulator on, or fails the start with a message that names it
     * ({@link SettingsBinding}); a condition that resolved it would fail outside Boot's failure analysis.
     */
    static final class ClientIdHasText extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(Binder.get(context.getEnvironment()).bind(CLIENT_ID_PROPERTY, String.class).orElse(null))
                    ? ConditionOutcome.match(CLIENT_ID_PROPERTY + " is set")
                    : ConditionOutcome.noMatch(CLIENT_ID_PROPERTY + " is not set");
        }
    }
}
